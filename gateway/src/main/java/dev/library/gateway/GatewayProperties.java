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
 * @param edge             connection, deadline and in-flight body limits of the edge's own server
 */
@ConfigurationProperties("library.gateway")
public record GatewayProperties(URI authServiceUri, List<URI> bookServiceUri, Duration connectTimeout,
        Duration responseTimeout, Retry retry, CircuitBreaker circuitBreaker, DataSize maxRequestBody,
        String trustedProxies, Cors cors, RateLimit rateLimit, Edge edge) {

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
     * @param retryInterval after a Redis error, how long the limits are decided per replica before Redis is tried again
     * @param syncInterval  how often the default limit's spending is shared; the tolerance grows with it
     * @param fallbackClients clients whose buckets a replica keeps in memory while Redis cannot be asked;
     *                      more share one bucket
     */
    public record RateLimit(Bucket defaultLimit, Bucket signIn, Duration retryInterval, Duration syncInterval,
            int fallbackClients) {
    }

    /** A token bucket: refilled at {@code replenishPerSecond}, holding at most {@code burst}. */
    public record Bucket(double replenishPerSecond, int burst) {
    }

    /**
     * What the edge's HTTP server holds for clients, and for how long (Envoy's edge practice: buffer,
     * connection and stream limits, and deadlines for every phase of a request).
     *
     * @param maxConnections              connections served at once; more wait in the listen backlog
     * @param maxConnectionsPerClient     connections from one peer address at once; more are closed at once
     * @param idleTimeout                 a connection waiting for a request (no bytes at all) is closed after this
     * @param requestHeaderTimeout        a request's line and headers must have arrived this long after the
     *                                    connection began waiting for it, however slowly they drip
     * @param bodyReadTimeout             longest pause between two reads of a request body: then 408
     * @param bodyTimeout                 longest time to receive a whole request body: then 408
     * @param maxInFlightBodies           requests with a body being received or forwarded at once; more get 503
     * @param maxInFlightBodiesPerClient  the same per client address; more get 429
     * @param readBuffer                  largest buffer one read of a connection takes (direct memory)
     */
    public record Edge(int maxConnections, int maxConnectionsPerClient, Duration idleTimeout,
            Duration requestHeaderTimeout, Duration bodyReadTimeout, Duration bodyTimeout, int maxInFlightBodies,
            int maxInFlightBodiesPerClient, DataSize readBuffer) {
    }
}
