package dev.library.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.gateway.GatewayProperties;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    RequestIds requestIds(@Value("${management.server.port:-1}") int managementPort) {
        return new RequestIds(managementPort);
    }

    @Bean
    ForwardedHeaders forwardedHeaders(GatewayProperties gateway) {
        return new ForwardedHeaders(gateway.trustedProxies());
    }

    @Bean
    RequestBodyLimit requestBodyLimit(GatewayProperties gateway) {
        return new RequestBodyLimit(gateway.maxRequestBody().toBytes());
    }

    @Bean
    ProblemErrorHandler problemErrorHandler(JsonMapper json) {
        return new ProblemErrorHandler(json);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
        return new ProblemSecurityHandlers(json);
    }
}
