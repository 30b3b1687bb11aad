package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class LogoutTest extends AuthServiceTest {

    @Test
    void logoutEndsTheSession() {
        String first = newSession(uniqueUsername("leaving")).json().get("refresh_token").asString();
        String current = api.post("/api/auth/refresh", HttpApi.json("refresh_token", first)).json()
                .get("refresh_token").asString();

        HttpApi.Response logout = api.post("/api/auth/logout", HttpApi.json("refresh_token", current));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(api.post("/api/auth/refresh", HttpApi.json("refresh_token", current)).status()).isEqualTo(401);
    }

    @Test
    void loggingOutAnUnknownTokenIsHarmless() {
        assertThat(api.post("/api/auth/logout", HttpApi.json("refresh_token", "never-issued")).status())
                .isEqualTo(204);
    }

    @Test
    void logoutWithoutATokenIsABadRequest() {
        HttpApi.Response response = api.post("/api/auth/logout", "{\"refresh_token\": 42}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
