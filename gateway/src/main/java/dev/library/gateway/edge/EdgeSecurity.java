package dev.library.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.library.gateway.GatewayProperties;
import dev.library.jwt.LibraryTokens;
import dev.library.jwt.RemoteJwks;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Who gets past the edge. Signing up, logging in, refreshing, ping and the JWKS are open; every
 * other request needs a valid access token, checked here with the same rules as the services
 * (they check again: the Authorization header is passed on). Security headers go on every
 * response; CORS only for the configured origins.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

    private static final Duration CORS_MAX_AGE = Duration.ofHours(1);
    /** How long a verified signature is trusted for the same token string; claims are rechecked on every use. */
    private static final Duration VERIFIED_TOKEN_TTL = Duration.ofMinutes(1);
    private static final int VERIFIED_TOKEN_CAPACITY = 50_000;

    /**
     * The actuator answers without a token on the management port, which is never routed and in
     * Kubernetes reachable only inside the cluster (probes, Prometheus).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain management(ServerHttpSecurity http) {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain edge(ServerHttpSecurity http, ProblemSecurityHandlers problems,
            CorsConfigurationSource cors) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .cors(spec -> spec.configurationSource(cors))
                .headers(headers -> headers
                        .referrerPolicy(policy -> policy.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(policy -> policy.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/login", "/api/auth/refresh")
                                .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/ping", "/.well-known/jwks.json").permitAll()
                        // The API description and its Swagger UI (dev.library.gateway.openapi).
                        .pathMatchers(HttpMethod.GET, "/api/openapi.json", "/api/docs", "/api/docs/*").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(LibraryTokens.authenticationConverter())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * The issuer's keys through the shared remote JWKS source (cached, rate-limited refresh on
     * unknown kids, outage-tolerant), looked up off the event loop since a refresh blocks.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(EdgeTokenProperties tokens) {
        JWKSource<SecurityContext> keys = new RemoteJwks(tokens.jwksUri(), tokens.jwksCacheTtl(),
                tokens.jwksMinRefreshInterval(), tokens.jwksOutageTolerance(), null).source();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Mono.fromCallable(() -> keys.get(
                                new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(Flux::fromIterable))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = LibraryTokens.validator(tokens.issuer(), LibraryTokens.MAX_CLOCK_SKEW);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKEN_TTL, VERIFIED_TOKEN_CAPACITY,
                Clock.systemUTC());
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties gateway) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = gateway.cors() == null || gateway.cors().allowedOrigins() == null ? List.of()
                : gateway.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(origins);
            config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                    RequestIds.HEADER));
            config.setExposedHeaders(List.of("ETag", "Location", "Retry-After", RequestIds.HEADER,
                    "X-RateLimit-Limit", "X-RateLimit-Remaining"));
            config.setMaxAge(CORS_MAX_AGE);
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }
}
