package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.library.localstack.Stack;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

class RateLimitTest extends EndToEndTest {

    @Test
    void tooManyLoginsFromOneClientGet429WithRetryAfter() throws Exception {
        awaitRateLimiting();
        // More at once than the sign-in bucket holds (10); a new name each time, so auth-service's
        // own per-username throttle never answers first.
        ExecutorService clients = Executors.newFixedThreadPool(30);
        List<Future<HttpApi.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            attempts.add(clients.submit(() -> gateway.post("/api/auth/login",
                    HttpApi.json("username", unique("nobody"), "password", "guess"))));
        }
        List<HttpApi.Response> limited = new ArrayList<>();
        for (Future<HttpApi.Response> attempt : attempts) {
            HttpApi.Response response = attempt.get();
            if (response.status() == 429) {
                limited.add(response);
            }
        }
        clients.shutdown();

        assertThat(limited).isNotEmpty();
        HttpApi.Response tooMany = limited.get(0);
        assertThat(tooMany.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(tooMany.header("Retry-After"))).isPositive();
        assertThat(tooMany.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(tooMany.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void answersCarryTheClientsRateLimitHeaders() throws Exception {
        awaitRateLimiting();
        HttpApi.Response ping = gateway.get("/api/ping");

        assertThat(ping.header("X-RateLimit-Limit")).isEqualTo("400");
        assertThat(Long.parseLong(ping.header("X-RateLimit-Remaining"))).isBetween(0L, 399L);
    }

    /** After Redis was away (another test), the gateway leaves it alone for a retry interval. */
    private void awaitRateLimiting() throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (gateway.get("/api/ping").header("X-RateLimit-Remaining") == null
                && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    @Test
    void withRedisDownRequestsPassAndTheFailOpenIsCounted() {
        String failOpen = "library_gateway_ratelimit_total{application=\"gateway\",outcome=\"fail_open\"";
        double before = metric(Stack.GATEWAY, failOpen);
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(gateway.get("/api/ping").status()).isEqualTo(200);
            }
        } finally {
            redis.start();
        }

        assertThat(metric(Stack.GATEWAY, failOpen)).isGreaterThan(before);
    }
}
