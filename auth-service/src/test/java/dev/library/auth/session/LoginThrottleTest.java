package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class LoginThrottleTest extends AuthServiceTest {

    @Test
    void fiveFailuresForAUsernameBlockItsNextLoginWith429() {
        String username = uniqueUsername("victim");
        signUp(username, "the right password");
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong " + i).status()).isEqualTo(401);
        }

        HttpApi.Response blocked = login(username, "the right password");

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
    }

    @Test
    void aBlockedUsernameDoesNotBlockOthers() {
        String blocked = uniqueUsername("blocked");
        String other = uniqueUsername("other");
        signUp(other, "the right password");
        for (int i = 0; i < 5; i++) {
            login(blocked, "wrong " + i);
        }

        assertThat(login(blocked, "whatever").status()).isEqualTo(429);
        assertThat(login(other, "the right password").status()).isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneClientBlockItsNextLoginWith429() {
        String client = uniqueClientAddress();
        String username = uniqueUsername("innocent");
        signUp(username, "the right password");
        for (int i = 0; i < 20; i++) {
            assertThat(login(uniqueUsername("guess"), "wrong", client).status()).isEqualTo(401);
        }

        assertThat(login(username, "the right password", client).status()).isEqualTo(429);
        assertThat(login(username, "the right password", uniqueClientAddress()).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsTheUsernamesFailures() {
        String username = uniqueUsername("forgetful");
        signUp(username, "the right password");
        for (int i = 0; i < 4; i++) {
            login(username, "wrong " + i);
        }
        assertThat(login(username, "the right password").status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(login(username, "wrong again " + i).status()).isEqualTo(401);
        }
        assertThat(login(username, "the right password").status()).isEqualTo(200);
    }
}
