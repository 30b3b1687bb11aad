package dev.library.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.problem.ProblemSecurityHandlers;
import dev.library.jwt.LibraryTokens;
import dev.library.jwt.RemoteJwks;
import dev.library.jwt.TokenValidationProperties;
import dev.library.web.wire.RequestIdHeader;

/**
 * Who gets past the edge. Signing up, logging in, refreshing, ping, the JWKS and the API description
 * are open (a bad token on them is ignored); every other request needs a valid access token, checked here with the same rules as the services
 * (they check again: the Authorization header is passed on). Security headers go on every
 * response; CORS only for the configured origins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenValidationProperties.class)
class EdgeSecurity {

    private static final Duration CORS_MAX_AGE = Duration.ofHours(1);
    private static final String[] PUBLIC_READS = {"/api/ping", "/.well-known/jwks.json",
            // The API description and its Swagger UI (dev.library.gateway.openapi).
            "/api/openapi.json", "/api/docs", "/api/docs/*"};

    /** What anyone may call, with or without a token: signing in, ping, the keys, the API description, preflights. */
    static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/login",
                    "/api/auth/refresh"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, PUBLIC_READS),
            // HEAD is GET without the body: the same rule.
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, PUBLIC_READS),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.OPTIONS, "/**"));

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
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
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
                // Stateless: the token is the identity. The default repository would look for a
                // web session on every request, creating one (off the event loop) each time.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(spec -> spec.configurationSource(cors))
                // One writer for all security headers instead of Spring Security's chain of a dozen.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeaders()), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(PUBLIC).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new BearerTokens())
                        .authenticationFailureHandler(publicRoutesIgnoreBadTokens(problems))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(LibraryTokens.authenticationConverter())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * A bad or expired token on a public route is ignored, as if none had been sent: the request goes
     * on anonymously and without the header (a client that always sends its token can still log in
     * again). Elsewhere the failure is the usual 401 (or, keys unreachable, the outage answer).
     */
    private static ServerAuthenticationFailureHandler publicRoutesIgnoreBadTokens(ProblemSecurityHandlers problems) {
        ServerAuthenticationEntryPointFailureHandler refuse = new ServerAuthenticationEntryPointFailureHandler(problems);
        return (filterExchange, failure) -> PUBLIC.matches(filterExchange.getExchange()).flatMap(match -> {
            if (!match.isMatch()) {
                return refuse.onAuthenticationFailure(filterExchange, failure);
            }
            ServerWebExchange exchange = filterExchange.getExchange();
            return filterExchange.getChain().filter(exchange.mutate()
                    .request(request -> request.headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION))).build());
        });
    }

    /**
     * No observation around every security filter, authentication and authorization: at the edge
     * they cost more than they tell (each filter is wrapped on every request even when the
     * observations are filtered out later). Request, route and rate-limit metrics remain.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The shared token rules ({@link RemoteJwks}), behind a short memory of verified signatures, with
     * the edge's refinements ({@link EdgeTokens}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenValidationProperties tokens) {
        return new EdgeTokens(new RemoteJwks(tokens).reactiveDecoder());
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
                    RequestIdHeader.NAME));
            config.setExposedHeaders(List.of("ETag", "Location", "Retry-After", RequestIdHeader.NAME,
                    "X-RateLimit-Limit", "X-RateLimit-Remaining"));
            config.setMaxAge(CORS_MAX_AGE);
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }
}
