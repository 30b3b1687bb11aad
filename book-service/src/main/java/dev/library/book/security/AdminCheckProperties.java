package dev.library.book.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.admin-check.*}: how book-service confirms, for admin writes, that the token's
 * ADMIN role still holds (see {@link AdminTokenIntrospection}).
 *
 * @param introspectionUri auth-service's token introspection endpoint (internal, never routed by the gateway)
 * @param timeout          connect and answer time-out of one introspection call
 * @param cacheTtl         how long an answer for one token is reused: the longest a demoted, disabled or
 *                         signed-out admin can still write after the change
 * @param maxCachedTokens  the most answers kept at once
 * @param retryAfter       the Retry-After of the 503 given while auth-service cannot answer
 */
@ConfigurationProperties("library.admin-check")
public record AdminCheckProperties(URI introspectionUri, Duration timeout, Duration cacheTtl, int maxCachedTokens,
        Duration retryAfter) {

    public AdminCheckProperties {
        if (introspectionUri == null) {
            throw new IllegalArgumentException("library.admin-check.introspection-uri is required");
        }
        if (timeout == null || cacheTtl == null || retryAfter == null || maxCachedTokens < 1) {
            throw new IllegalArgumentException("library.admin-check needs timeout, cache-ttl, retry-after and max-cached-tokens");
        }
    }
}
