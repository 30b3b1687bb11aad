package dev.library.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.GatewayTest;
import dev.library.gateway.RawHttp;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

class RateLimitTest extends GatewayTest {

    private static final String FAIL_OPEN = "library_gateway_ratelimit_total{application=\"gateway\",outcome=\"fail_open\"";
    private static final String SIGN_IN_FAIL_OPEN =
            "library_gateway_ratelimit_total{application=\"gateway\",outcome=\"fail_open\",policy=\"sign-in\"";

    @Autowired
    private GatewayProperties properties;

    @Test
    void tooManyLoginsFromOneClientGet429WithRetryAfter() throws Exception {
        awaitRateLimiting();
        int burst = properties.rateLimit().signIn().burst();
        HttpApi.Response response = null;
        for (int i = 0; i < 3 * burst && (response == null || response.status() != 429); i++) {
            response = gateway.post("/api/auth/login", HttpApi.json("username", "nobody", "password", "guess"));
        }

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(burst));
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void answersCarryTheClientsRateLimitHeaders() throws Exception {
        awaitRateLimiting();
        int burst = properties.rateLimit().defaultLimit().burst();

        HttpApi.Response ping = gateway.get("/api/ping");

        assertThat(ping.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(burst));
        assertThat(Long.parseLong(ping.header("X-RateLimit-Remaining"))).isBetween(0L, burst - 1L);
    }

    @Test
    @DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
            disabledReason = "stops the Redis it started; REDIS_URL points at one it does not control")
    void withRedisDownRequestsPassAndTheFailOpenIsCounted() throws InterruptedException {
        double before = metrics.sum(FAIL_OPEN);
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        try {
            // The default limit is decided in memory: the outage shows at the next sync (every
            // sync-interval), not at the next request. Every request passes meanwhile too.
            Instant deadline = Instant.now().plusSeconds(30);
            do {
                assertThat(gateway.get("/api/ping").status()).isEqualTo(200);
                Thread.sleep(50);
            } while (metrics.sum(FAIL_OPEN) <= before && Instant.now().isBefore(deadline));
        } finally {
            redis.start();
        }

        assertThat(metrics.sum(FAIL_OPEN)).isGreaterThan(before);
    }

    @Test
    @DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
            disabledReason = "stops the Redis it started; REDIS_URL points at one it does not control")
    void withRedisDownSignInsPassAndTheFailOpenIsCounted() {
        double before = metrics.sum(SIGN_IN_FAIL_OPEN);
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        HttpApi.Response login;
        try {
            login = gateway.post("/api/auth/login", HttpApi.json("username", "nobody", "password", "guess"));
        } finally {
            redis.start();
        }

        assertThat(login.status()).isNotEqualTo(429);
        assertThat(metrics.sum(SIGN_IN_FAIL_OPEN)).isGreaterThan(before);
    }

    @Test
    void theFirstRequestOfAClientReportsWhatItMayStillSend() throws Exception {
        awaitRateLimiting();
        int burst = properties.rateLimit().defaultLimit().burst();

        RawHttp.Answer first = RawHttp.send(gateway.base(), RawHttp.freshClient(), "GET /api/ping", null);

        assertThat(first.status()).isEqualTo(200);
        // Its replica's share of the burst, less this request (the test contexts sharing this Redis
        // count as replicas, so the share is not known here).
        assertThat(Long.parseLong(first.header("X-RateLimit-Remaining"))).isBetween(1L, burst - 1L);
    }

    /** After Redis was away (another test), the gateway leaves it alone for a retry interval. */
    private void awaitRateLimiting() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (gateway.get("/api/ping").header("X-RateLimit-Remaining") == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }
}
