package dev.library.web.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.library.web.problem.ProblemSecurityHandlers;

/**
 * The security every servlet service shares, whatever its rules of who may call what: bearer
 * tokens only (no session, no cookies, hence no CSRF token), and 401/403 as problem responses.
 */
public final class StatelessResourceServer {

    private StatelessResourceServer() {
    }

    public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems,
            Converter<Jwt, ? extends AbstractAuthenticationToken> authentication) throws Exception {
        return apply(http, problems, authentication, java.util.Set.of());
    }

    /**
     * As above; on {@code publicPaths} (exact paths that need no token) an {@code Authorization}
     * header is not even read, so a client that always sends its token, expired or not, can still
     * log in, refresh or sign up instead of getting a 401 until it drops the header.
     */
    public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems,
            Converter<Jwt, ? extends AbstractAuthenticationToken> authentication, java.util.Set<String> publicPaths)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerHeader(publicPaths))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(requireSubject(authentication)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
    }

    /**
     * Every call acts for the token's subject: a validly signed token without {@code sub} is an
     * invalid token (401), not a request that fails later on a missing account id (500).
     */
    private static Converter<Jwt, AbstractAuthenticationToken> requireSubject(
            Converter<Jwt, ? extends AbstractAuthenticationToken> authentication) {
        return jwt -> {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                        "The token has no subject.");
            }
            return authentication.convert(jwt);
        };
    }
}
