package dev.library.gateway.security;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers of every answer, written in one pass just before the response is
 * committed: exactly what Spring Security's default header writers with the edge's
 * {@code Referrer-Policy} and {@code Content-Security-Policy} write (a dozen writers chained per
 * request, each scanning the response headers). The same rules: each group is written only when the
 * response carries none of its headers yet (a service's own {@code Cache-Control} stays), the
 * no-cache group not on a 304, {@code Strict-Transport-Security} only over HTTPS.
 * {@code SecurityHeadersTest} compares the two.
 */
public final class SecurityHeaders implements ServerHttpHeadersWriter {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    public static final String REFERRER_POLICY = "no-referrer";
    private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);
    private static final String HSTS = "max-age=" + HSTS_MAX_AGE.toSeconds() + " ; includeSubDomains";
    private static final String NO_CACHE = "no-cache, no-store, max-age=0, must-revalidate";

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)
                && !headers.containsHeader(HttpHeaders.PRAGMA) && !headers.containsHeader(HttpHeaders.EXPIRES)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            headers.set(HttpHeaders.PRAGMA, "no-cache");
            headers.set(HttpHeaders.EXPIRES, "0");
        }
        setUnlessPresent(headers, "X-Content-Type-Options", "nosniff");
        String scheme = exchange.getRequest().getURI().getScheme();
        if ("https".equalsIgnoreCase(scheme)) {
            setUnlessPresent(headers, "Strict-Transport-Security", HSTS);
        }
        setUnlessPresent(headers, "X-Frame-Options", "DENY");
        setUnlessPresent(headers, "X-XSS-Protection", "0");
        setUnlessPresent(headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
        setUnlessPresent(headers, "Referrer-Policy", REFERRER_POLICY);
        return Mono.empty();
    }

    private static void setUnlessPresent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }
}
