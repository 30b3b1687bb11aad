package dev.library.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.RawHttp;
import dev.library.gateway.SmallDefaultLimitTest;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * The review's Redis outages (issue 26, finding 5): with Redis stopped or frozen, the gateway's
 * limits still apply, per replica, from memory.
 */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
        disabledReason = "stops and freezes the Redis it started; REDIS_URL points at one it does not control")
class RedisOutageTest extends SmallDefaultLimitTest {

    @Autowired
    private GatewayProperties properties;

    @Test
    void withRedisDownAClientOverTheDefaultLimitStillGets429() throws Exception {
        String client = RawHttp.freshClient();
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        int last = 0;
        try {
            for (int i = 0; i < 3 * DEFAULT_BURST && last != 429; i++) {
                last = RawHttp.status(gateway.base(), client, "GET /api/ping");
            }
        } finally {
            redis.start();
        }

        assertThat(last).isEqualTo(429);
    }

    @Test
    void withRedisFrozenWrongLoginsFromOneAddressStillGet429() throws Exception {
        String client = RawHttp.freshClient();
        RedisServerProcess redis = TestStores.redis();
        redis.freeze();
        RawHttp.Answer last = null;
        try {
            for (int i = 0; i < 3 * properties.rateLimit().signIn().burst() && (last == null || last.status() != 429); i++) {
                last = RawHttp.send(gateway.base(), client, "POST /api/auth/login",
                        HttpApi.json("username", "someone", "password", "a guess"));
            }
        } finally {
            redis.thaw();
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(last.header("Retry-After")).isNotNull();
    }
}
