package dev.library.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.limits.EdgeServer;
import dev.library.gateway.limits.InFlightBodies;
import dev.library.gateway.limits.RequestBodyLimit;
import dev.library.gateway.problem.ProblemErrorHandler;
import dev.library.gateway.problem.ProblemSecurityHandlers;
import dev.library.gateway.ratelimit.RefusalLimit;
import dev.library.gateway.requests.IncomingRequests;
import dev.library.gateway.security.ForwardedHeaders;

/**
 * The edge's web filters, in the order a request meets them ({@link IncomingRequests}, which also writes
 * the {@link ForwardedHeaders}, then {@link InFlightBodies} and {@link RequestBodyLimit}), the server's
 * connection limits and deadlines ({@link EdgeServer}), and its problem answers. Who may pass
 * is {@code security.EdgeSecurity}; how much is {@code ratelimit}; where to is {@code routing}.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    IncomingRequests requestIds(@Value("${management.server.port:-1}") int managementPort, GatewayProperties gateway) {
        return new IncomingRequests(managementPort, new ForwardedHeaders(gateway.trustedProxies()));
    }

    @Bean
    RequestBodyLimit requestBodyLimit(GatewayProperties gateway) {
        return new RequestBodyLimit(gateway.maxRequestBody().toBytes());
    }

    @Bean
    InFlightBodies inFlightBodies(GatewayProperties gateway, JsonMapper json, MeterRegistry meters) {
        InFlightBodies bodies = new InFlightBodies(gateway.edge().maxInFlightBodies(),
                gateway.edge().maxInFlightBodiesPerClient(), json);
        Gauge.builder("library.gateway.bodies.in.flight", bodies, InFlightBodies::inFlight)
                .description("Requests with a body being received or forwarded (bounded by max-in-flight-bodies)")
                .register(meters);
        return bodies;
    }

    @Bean
    EdgeServer edgeServer(GatewayProperties gateway) {
        return new EdgeServer(gateway.edge());
    }

    @Bean
    ProblemErrorHandler problemErrorHandler(JsonMapper json) {
        return new ProblemErrorHandler(json);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json, RefusalLimit refusals) {
        return new ProblemSecurityHandlers(json, refusals);
    }
}
