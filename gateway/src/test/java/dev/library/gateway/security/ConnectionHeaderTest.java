package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.library.gateway.requests.IncomingRequests;
import dev.library.gateway.routing.ProxiedHeaders;

/**
 * What reaches a service when a client names the edge's own headers in {@code Connection}: the
 * edge filters run as in the gateway, then the proxy's header rule ({@link ProxiedHeaders}), as
 * applied before forwarding.
 */
class ConnectionHeaderTest {

    @Test
    void headersTheEdgeWritesSurviveAConnectionHeaderNamingThem() {
        HttpHeaders forwarded = proxied(MockServerHttpRequest.get("http://api.example/api/books")
                .header("Connection", "keep-alive, X-Request-Id, X-Forwarded-For, X-Forwarded-Proto")
                .header("X-Request-Id", "client-chosen-id"));

        assertThat(forwarded.getFirst("X-Request-Id")).isEqualTo("client-chosen-id");
        assertThat(forwarded.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(forwarded.getFirst("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void aHeaderTheClientNamedInConnectionIsNotForwarded() {
        HttpHeaders forwarded = proxied(MockServerHttpRequest.get("http://api.example/api/books")
                .header("Connection", "X-Private-Hop")
                .header("X-Private-Hop", "secret"));

        assertThat(forwarded.containsHeader("X-Private-Hop")).isFalse();
    }

    @Test
    void onlyTheConnectionOptionsStayInConnection() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Connection", "close, X-Request-Id, Content-Length");
        headers.add("Content-Length", "12");
        headers.add("X-Request-Id", "id");

        ConnectionHeader.clean(headers);

        assertThat(headers.getConnection()).containsExactly("close");
        assertThat(headers.getFirst("Content-Length")).isEqualTo("12");
        assertThat(headers.containsHeader("X-Request-Id")).isFalse();
    }

    /** The request headers as the proxy would send them on: edge filters, then the proxy's header rule. */
    private static HttpHeaders proxied(MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicReference<ServerWebExchange> downstream = new AtomicReference<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(request.remoteAddress(
                new InetSocketAddress("203.0.113.9", 40000)));
        new IncomingRequests(-1, new ForwardedHeaders(null)).filter(exchange, next -> {
            downstream.set(next);
            return Mono.empty();
        }).block();
        return ProxiedHeaders.TO_SERVICE.filter(downstream.get().getRequest().getHeaders(), downstream.get());
    }
}
