package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The edge's one security header writer writes exactly what Spring Security's default writers,
 * configured as the edge had them (no-referrer, the edge's Content-Security-Policy), write.
 */
class SecurityHeadersTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void writesWhatSpringSecuritysDefaultWritersWrite(String answer, String url, Consumer<ServerWebExchange> service) {
        MockServerWebExchange ours = exchange(url, service);
        MockServerWebExchange springs = exchange(url, service);

        new SecurityHeaders().writeHttpHeaders(ours).block();
        springSecurityDefaults().writeHttpHeaders(springs).block();

        assertThat(headers(ours)).isEqualTo(headers(springs)).containsKey("X-Content-Type-Options");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("a plain answer", "http://api.example/api/ping", answer(HttpStatus.OK)),
                Arguments.of("over HTTPS", "https://api.example/api/ping", answer(HttpStatus.OK)),
                Arguments.of("a 401", "http://api.example/api/books", answer(HttpStatus.UNAUTHORIZED)),
                Arguments.of("a 304", "http://api.example/api/books", answer(HttpStatus.NOT_MODIFIED)),
                Arguments.of("a service's own Cache-Control", "http://api.example/api/books",
                        answer(HttpStatus.OK, "Cache-Control", "no-cache, private")),
                Arguments.of("a service's own Expires", "http://api.example/api/books",
                        answer(HttpStatus.OK, "Expires", "Thu, 01 Jan 2099 00:00:00 GMT")),
                Arguments.of("a service's own X-Frame-Options", "http://api.example/api/books",
                        answer(HttpStatus.OK, "X-Frame-Options", "SAMEORIGIN")),
                Arguments.of("a service's own HSTS over HTTPS", "https://api.example/api/books",
                        answer(HttpStatus.OK, "Strict-Transport-Security", "max-age=60")),
                Arguments.of("a service's own security headers", "http://api.example/api/books",
                        answer(HttpStatus.OK, "X-Content-Type-Options", "nosniff", "X-XSS-Protection", "0",
                                "Content-Security-Policy", "default-src 'self'", "Referrer-Policy", "origin")));
    }

    /** The writers {@code ServerHttpSecurity.headers()} installs by default, with the edge's two settings. */
    private static ServerHttpHeadersWriter springSecurityDefaults() {
        ContentSecurityPolicyServerHttpHeadersWriter csp = new ContentSecurityPolicyServerHttpHeadersWriter();
        csp.setPolicyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY);
        ReferrerPolicyServerHttpHeadersWriter referrer = new ReferrerPolicyServerHttpHeadersWriter();
        referrer.setPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER);
        return new CompositeServerHttpHeadersWriter(new CacheControlServerHttpHeadersWriter(),
                new ContentTypeOptionsServerHttpHeadersWriter(), new StrictTransportSecurityServerHttpHeadersWriter(),
                new XFrameOptionsServerHttpHeadersWriter(), new XXssProtectionServerHttpHeadersWriter(), csp, referrer);
    }

    private static Consumer<ServerWebExchange> answer(HttpStatus status, String... headers) {
        return exchange -> {
            exchange.getResponse().setStatusCode(status);
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponse().getHeaders().set(headers[i], headers[i + 1]);
            }
        };
    }

    private static MockServerWebExchange exchange(String url, Consumer<ServerWebExchange> service) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        service.accept(exchange);
        return exchange;
    }

    private static Map<String, List<String>> headers(ServerWebExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getResponse().getHeaders().forEach(headers::put);
        return headers;
    }
}
