package dev.library.book.security;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

import dev.library.jwt.LibraryTokens;
import dev.library.jwt.RemoteJwks;
import dev.library.jwt.TokenValidationProperties;
import dev.library.web.problem.ProblemSecurityHandlers;
import dev.library.web.security.StatelessResourceServer;

/**
 * Reading books needs any signed-in user, ping needs nothing. Writing needs ADMIN, confirmed by
 * auth-service as still current (see {@link CurrentAdminAuthorization}); reads never ask it. Every
 * token is validated here against auth-service's published keys, whoever forwarded it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TokenValidationProperties.class, AdminCheckProperties.class})
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems, AdminTokenIntrospection introspection,
            JsonMapper json, AdminCheckProperties adminCheck) throws Exception {
        StatelessResourceServer.apply(http, problems, LibraryTokens.authenticationConverter(), java.util.Set.of("/api/ping"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/ping").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/books", "/api/books/**").authenticated()
                        .requestMatchers("/api/books", "/api/books/**")
                                .access(new CurrentAdminAuthorization(introspection))
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .accessDeniedHandler(new AdminCheckDeniedHandler(problems, json, adminCheck)));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(TokenValidationProperties tokens) {
        return new RemoteJwks(tokens).decoder();
    }

    @Bean
    AdminTokenIntrospection adminTokenIntrospection(AdminCheckProperties properties, JsonMapper json) {
        return new AdminTokenIntrospection(properties, json, Clock.systemUTC());
    }
}
