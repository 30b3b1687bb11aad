package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * With a short window, a blocked username may log in again once the window has passed. Short, but
 * long enough for five failed logins on a loaded machine, where Argon2id costs up to a second each.
 */
@TestPropertySource(properties = "library.auth.login-throttle.window=10s")
class LoginThrottleWindowTest extends AuthServiceTest {

    @Test
    void aBlockedUsernameMayLogInAgainWhenTheWindowHasPassed() throws InterruptedException {
        String username = uniqueUsername("patient");
        signUp(username, "the right password");
        for (int i = 0; i < 5; i++) {
            login(username, "wrong " + i);
        }
        HttpApi.Response blocked = login(username, "the right password");
        assertThat(blocked.status()).isEqualTo(429);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(blocked.header("Retry-After"))).toMillis());
        HttpApi.Response afterWindow = login(username, "the right password");
        Instant deadline = Instant.now().plusSeconds(5);
        while (afterWindow.status() == 429 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200); // Retry-After is rounded to whole seconds; Redis expiry is milliseconds.
            afterWindow = login(username, "the right password");
        }

        assertThat(afterWindow.status()).isEqualTo(200);
    }
}
