package dev.library.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code library.gateway.*}: where the services are and how the edge protects them.
 *
 * @param authServiceUri   base URI of auth-service
 * @param bookServiceUri   base URI of book-service; several (comma-separated) are called round robin
 * @param connectTimeout   time to open a connection to a service
 * @param responseTimeout  time for a service to answer; a frozen one gets 504 after it
 * @param retry            retries of idempotent requests
 * @param circuitBreaker   per-service circuit breakers
 * @param maxRequestBody   largest request body forwarded
 * @param trustedProxies   regex of proxy addresses whose X-Forwarded-* headers are kept; empty: none
 * @param cors             browsers' cross-origin access
 * @param rateLimit        per-client rate limits
 */
@ConfigurationProperties("library.gateway")
public record GatewayProperties(URI authServiceUri, List<URI> bookServiceUri, Duration connectTimeout,
        Duration responseTimeout, Retry retry, CircuitBreaker circuitBreaker, DataSize maxRequestBody,
        String trustedProxies, Cors cors, RateLimit rateLimit) {

    public record Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {
    }

    public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
            Duration waitInOpenState, int permittedCallsInHalfOpenState) {
    }

    public record Cors(List<String> allowedOrigins) {
    }

    /**
     * @param defaultLimit  per client, decided in memory and shared between replicas every {@code syncInterval}
     * @param signIn        login, signup and refresh per client address, exact in Redis
     * @param retryInterval after a Redis error, how long requests pass unlimited before Redis is tried again
     * @param syncInterval  how often the default limit's spending is shared; the tolerance grows with it
     */
    public record RateLimit(Bucket defaultLimit, Bucket signIn, Duration retryInterval, Duration syncInterval) {
    }

    /** A token bucket: refilled at {@code replenishPerSecond}, holding at most {@code burst}. */
    public record Bucket(double replenishPerSecond, int burst) {
    }
}
