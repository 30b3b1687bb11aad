package dev.library.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which headers a proxied call carries to the service, and back to the client. */
class ProxiedHeadersTest {

    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/books"));

    @Test
    void hopByHopHeadersDoNotReachTheService() {
        HttpHeaders request = new HttpHeaders();
        request.add("Connection", "keep-alive, X-Private-Hop");
        request.add("Keep-Alive", "timeout=5");
        request.add("X-Private-Hop", "secret");
        request.add("TE", "trailers");
        request.add("Trailer", "Expires");
        request.add("Upgrade", "websocket");
        request.add("Proxy-Authorization", "Basic eDp5");
        request.add("Authorization", "Bearer token");

        HttpHeaders sent = ProxiedHeaders.TO_SERVICE.filter(request, exchange);

        assertThat(sent.headerNames()).containsExactly("Authorization");
    }

    @Test
    void onlyTheForwardingHeadersTheEdgeWroteReachTheService() {
        HttpHeaders request = new HttpHeaders();
        request.add("X-Forwarded-For", "203.0.113.9");
        request.add("X-Forwarded-Proto", "https");
        request.add("X-Forwarded-Host", "api.example");
        request.add("X-Forwarded-Port", "8443");
        request.add("X-Forwarded-Prefix", "/internal");
        request.add("Forwarded", "for=10.0.0.1");

        HttpHeaders sent = ProxiedHeaders.TO_SERVICE.filter(request, exchange);

        assertThat(sent.headerNames()).containsExactlyInAnyOrder("X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host");
        assertThat(sent.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.9");
    }

    @Test
    void aTransferCodedBodyGoesOnWithoutAContentLength() {
        HttpHeaders request = new HttpHeaders();
        request.add("Transfer-Encoding", "chunked");
        request.add("Content-Length", "12");
        request.add("Content-Type", "application/json");

        HttpHeaders sent = ProxiedHeaders.TO_SERVICE.filter(request, exchange);

        assertThat(sent.headerNames()).containsExactly("Content-Type");
    }

    @Test
    void everyOtherRequestHeaderReachesTheServiceWithAllItsValues() {
        HttpHeaders request = new HttpHeaders();
        request.add("Accept", "application/json");
        request.add("Accept", "application/problem+json");
        request.add("If-None-Match", "\"v1\"");
        request.add("Content-Length", "12");
        request.add("X-Request-Id", "id-1");

        HttpHeaders sent = ProxiedHeaders.TO_SERVICE.filter(request, exchange);

        assertThat(sent.get("Accept")).containsExactly("application/json", "application/problem+json");
        assertThat(sent.headerNames()).containsExactly("Accept", "If-None-Match", "Content-Length", "X-Request-Id");
    }

    @Test
    void hopByHopHeadersOfTheServicesAnswerDoNotReachTheClient() {
        HttpHeaders response = new HttpHeaders();
        response.add("Connection", "close, X-Service-Hop");
        response.add("X-Service-Hop", "1");
        response.add("Keep-Alive", "timeout=5");
        response.add("Transfer-Encoding", "chunked");
        response.add("ETag", "\"v1\"");
        response.add("X-Forwarded-Host", "echoed.example");

        HttpHeaders returned = ProxiedHeaders.TO_CLIENT.filter(response, exchange);

        assertThat(returned.headerNames()).containsExactly("ETag", "X-Forwarded-Host");
    }

    @Test
    void eachRuleAppliesToItsOwnDirection() {
        assertThat(ProxiedHeaders.TO_SERVICE.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
        assertThat(ProxiedHeaders.TO_SERVICE.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
        assertThat(ProxiedHeaders.TO_CLIENT.supports(HttpHeadersFilter.Type.RESPONSE)).isTrue();
        assertThat(ProxiedHeaders.TO_CLIENT.supports(HttpHeadersFilter.Type.REQUEST)).isFalse();
    }
}
