package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.library.auth.AuthServiceTest;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;

/** Redis holds only counters: without it logins still work, unthrottled, and that is counted. */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
        disabledReason = "needs to stop the Redis it started; REDIS_URL points at one it does not control")
class LoginWithoutRedisTest extends AuthServiceTest {

    @Test
    void loginSucceedsWhileRedisIsDownAndTheFailOpenIsCounted() {
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
    }

    private double failOpenCount() {
        return management.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("library_auth_login_throttle_unavailable_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }
}
