package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

import dev.library.auth.AuthServiceTest;
import dev.library.storeconfig.RedisProperties;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.Metrics;

/** Redis holds only counters: without it logins still work, unthrottled, and that is counted. */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
        disabledReason = "needs to stop the Redis it started; REDIS_URL points at one it does not control")
class LoginWithoutRedisTest extends AuthServiceTest {

    @Autowired
    private RedisProperties redisProperties;

    @Test
    void loginSucceedsWhileRedisIsDownAndTheFailOpenIsCounted() throws InterruptedException {
        String username = uniqueUsername("resilient");
        signUp(username, "the right password");
        double failOpenBefore = failOpenCount();
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        try {
            assertThat(login(username, "the right password").status()).isEqualTo(200);
            assertThat(login(username, "wrong password").status()).isEqualTo(401);
        } finally {
            redis.start();
        }

        assertThat(failOpenCount()).isGreaterThan(failOpenBefore);
        assertThat(login(username, "the right password").status()).isEqualTo(200);
        // The throttle leaves Redis alone this long after its last failure: later tests expect it back.
        Thread.sleep(redisProperties.outageBypass().toMillis());
    }

    private double failOpenCount() {
        return new Metrics(management).sum("library_auth_login_throttle_unavailable_total");
    }
}
