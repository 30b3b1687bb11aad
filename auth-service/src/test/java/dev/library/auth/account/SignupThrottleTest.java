package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * Sign-up is throttled inside auth-service, and a 409 (the name exists) counts like a failed login,
 * so probing names through sign-up costs as much as through login.
 */
class SignupThrottleTest extends AuthServiceTest {

    @Test
    void probingTakenNamesThroughSignupIsThrottledLikeFailedLogins() {
        String prober = uniqueClientAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(signUp(ADMIN_USERNAME, "any password at all", prober).status()).isEqualTo(409);
        }

        HttpApi.Response next = signUp(ADMIN_USERNAME, "any password at all", prober);

        assertThat(next.status()).isEqualTo(429);
        assertThat(next.contentType()).isEqualTo("application/problem+json");
        assertThat(next.header("Retry-After")).isNotBlank();
        assertThat(login(ADMIN_USERNAME, "a guess", prober).status()).isEqualTo(429);
    }

    @Test
    void oneClientMayOnlySignUpSoManyAccountsPerWindow() {
        String client = uniqueClientAddress();
        for (int i = 0; i < 50; i++) {
            assertThat(signUp(uniqueUsername("mass"), "a good password", client).status()).isEqualTo(201);
        }

        assertThat(signUp(uniqueUsername("mass"), "a good password", client).status()).isEqualTo(429);
        assertThat(signUp(uniqueUsername("elsewhere"), "a good password").status()).isEqualTo(201);
    }
}
