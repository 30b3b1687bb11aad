package dev.library.web.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import dev.library.web.ServiceWebAutoConfiguration;
import dev.library.web.ServiceWebProperties;

/**
 * A service's own OpenAPI description, when it has springdoc and an {@link ApiOperations} table.
 * It is served at {@code springdoc.api-docs.path} (an internal path the gateway never routes),
 * without a token: the gateway reads it there to publish the merged description.
 */
@AutoConfiguration(after = ServiceWebAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ApiOperations.class)
public class ApiDescriptionAutoConfiguration {

    @Bean
    ApiConventions apiConventions(ApiOperations operations, ServiceWebProperties web) {
        return new ApiConventions(operations, web.maxRequestBody());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain apiDescription(HttpSecurity http, @Value("${springdoc.api-docs.path}") String path)
            throws Exception {
        return http.securityMatcher(path, path + "/**", path + ".yaml")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
