package dev.library.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.library.web.wire.BearerCredentials;

/**
 * Spring Security's reactive bearer token reader with a quick path: a well-formed
 * {@code Authorization: Bearer <token>} header is read with a character loop
 * ({@link BearerCredentials}) and answered at once, where the default runs a case-insensitive regex
 * and merges its header, query and form sources through half a dozen Reactor operators (the query and
 * form sources are off, as in the default). A request without the header has no credentials, as
 * the default concludes too. Everything else (another scheme, a malformed token) goes to
 * {@link ServerBearerTokenAuthenticationConverter}, so every decision and error is the default's. {@code BearerTokensTest} compares the two.
 */
public final class BearerTokens implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter fallback = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty(); // no credentials (ping, sign-in): the default's answer, without its operators
        }
        String token = BearerCredentials.tokenOf(header);
        if (token != null) {
            return Mono.just(new BearerTokenAuthenticationToken(token));
        }
        return fallback.convert(exchange);
    }
}
