package dev.library.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code library.http.*}: the HTTP limits every servlet service applies.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param trustedProxies addresses or CIDRs whose X-Forwarded-For is believed (the gateway); loopback
 *                       only by default (env {@code LIBRARY_HTTP_TRUSTED_PROXIES}, comma-separated)
 * @param bodyReadDeadline the longest a request body may take to arrive, from the end of its headers:
 *                       a client dripping it byte by byte (each read within Tomcat's per-read timeout)
 *                       gets 408 and the connection closed, instead of holding a thread for minutes
 */
@ConfigurationProperties("library.http")
public record ServiceWebProperties(DataSize maxRequestBody, List<String> trustedProxies, Duration bodyReadDeadline) {

    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    public ServiceWebProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofKilobytes(16);
        }
        if (trustedProxies == null) {
            trustedProxies = LOOPBACK;
        }
        if (bodyReadDeadline == null) {
            bodyReadDeadline = Duration.ofSeconds(10);
        }
    }
}
