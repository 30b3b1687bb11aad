package dev.library.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.ratelimit.RefusalLimit;
import dev.library.web.wire.ProblemTexts;

/**
 * The edge's refusals as problems, before any service is touched: 401 (with an RFC 6750
 * challenge, and charged to the client's rate limit; see {@link RefusalLimit}), 403, and 400 for a
 * request the firewall rejects (encoded slashes or dots, path traversal, and other spellings that
 * could smuggle a path past the routes).
 */
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerExchangeRejectedHandler {

    private final JsonMapper json;
    private final RefusalLimit refusals;

    public ProblemSecurityHandlers(JsonMapper json, RefusalLimit refusals) {
        this.json = json;
        this.refusals = refusals;
    }

    /** 401, charged to the client address's rate limit (a flood of bad tokens is throttled like any other). */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return refusals.refuse(exchange, () -> {
            boolean presented = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, presented
                    ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                    : "Bearer");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                    presented ? ProblemTexts.TOKEN_INVALID : ProblemTexts.AUTHENTICATION_REQUIRED, json);
        });
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTexts.FORBIDDEN, json);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return Problems.write(exchange, HttpStatus.BAD_REQUEST, "The request path is not allowed.", json);
    }
}
