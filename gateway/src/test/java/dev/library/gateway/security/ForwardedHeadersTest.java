package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.library.gateway.requests.IncomingRequests;

/** What the services receive of the forwarding and identity headers a client sends (written by {@link IncomingRequests}). */
class ForwardedHeadersTest {

    @Test
    void headersAClientMightSpoofAreDroppedAndTheEdgesOwnAreWritten() {
        HttpHeaders forwarded = forward(new ForwardedHeaders(null), "203.0.113.9", MockServerHttpRequest
                .get("http://api.example/api/books")
                .header("X-Forwarded-For", "10.0.0.1")
                .header("X-Forwarded-Host", "internal.example")
                .header("Forwarded", "for=10.0.0.1")
                .header("X-Real-IP", "10.0.0.1")
                .header("X-User-Id", "admin")
                .header("X-User-Roles", "ADMIN")
                .header("Authorization", "Bearer token"));

        assertThat(forwarded.get("X-Forwarded-For")).containsExactly("203.0.113.9");
        assertThat(forwarded.get("X-Forwarded-Host")).containsExactly("api.example");
        assertThat(forwarded.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(forwarded.containsHeader("Forwarded")).isFalse();
        assertThat(forwarded.containsHeader("X-Real-IP")).isFalse();
        assertThat(forwarded.containsHeader("X-User-Id")).isFalse();
        assertThat(forwarded.containsHeader("X-User-Roles")).isFalse();
        assertThat(forwarded.getFirst("Authorization")).isEqualTo("Bearer token");
    }

    @Test
    void aTrustedProxysForwardedForIsKeptAndExtended() {
        HttpHeaders forwarded = forward(new ForwardedHeaders("10\\.0\\.0\\.\\d+"), "10.0.0.5", MockServerHttpRequest
                .get("http://api.example/api/books")
                .header("X-Forwarded-For", "198.51.100.7"));

        assertThat(forwarded.getFirst("X-Forwarded-For")).isEqualTo("198.51.100.7, 10.0.0.5");
    }

    @Test
    void theClientAddressIsTheLastHopThatIsNotATrustedProxy() {
        ForwardedHeaders filter = new ForwardedHeaders("10\\.0\\.0\\.\\d+");
        AtomicReference<String> client = new AtomicReference<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("http://api.example/api/books").remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
                .header("X-Forwarded-For", "192.0.2.1, 198.51.100.7"));

        new IncomingRequests(-1, filter).filter(exchange, next -> {
            client.set(ClientAddress.of(next));
            return reactor.core.publisher.Mono.empty();
        }).block();

        assertThat(client.get()).isEqualTo("198.51.100.7");
    }

    @Test
    void anUntrustedPeerCannotChooseItsClientAddress() {
        ForwardedHeaders filter = new ForwardedHeaders("10\\.0\\.0\\.\\d+");
        AtomicReference<String> client = new AtomicReference<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("http://api.example/api/books").remoteAddress(new InetSocketAddress("203.0.113.9", 40000))
                .header("X-Forwarded-For", "10.0.0.1"));

        new IncomingRequests(-1, filter).filter(exchange, next -> {
            client.set(ClientAddress.of(next));
            return reactor.core.publisher.Mono.empty();
        }).block();

        assertThat(client.get()).isEqualTo("203.0.113.9");
    }

    private static HttpHeaders forward(ForwardedHeaders filter, String peer, MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicReference<ServerWebExchange> downstream = new AtomicReference<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(request.remoteAddress(
                new InetSocketAddress(peer, 40000)));
        new IncomingRequests(-1, filter).filter(exchange, next -> {
            downstream.set(next);
            return reactor.core.publisher.Mono.empty();
        }).block();
        return downstream.get().getRequest().getHeaders();
    }
}
