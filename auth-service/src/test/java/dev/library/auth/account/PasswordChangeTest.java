package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/** A user changes their password; every session of theirs ends with the old password. */
class PasswordChangeTest extends AuthServiceTest {

    @Test
    void changingThePasswordEndsEverySessionAndOnlyTheNewOneLogsIn() {
        String username = uniqueUsername("careful");
        HttpApi.Response laptop = newSession(username);
        HttpApi.Response phone = login(username, "password-of-" + username);

        HttpApi.Response changed = changePassword(accessToken(laptop), "password-of-" + username, "a brand new password");

        assertThat(changed.status()).isEqualTo(204);
        assertThat(refresh(refreshToken(laptop)).status()).isEqualTo(401);
        assertThat(refresh(refreshToken(phone)).status()).isEqualTo(401);
        assertThat(login(username, "password-of-" + username).status()).isEqualTo(401);
        assertThat(login(username, "a brand new password").status()).isEqualTo(200);
    }

    @Test
    void anAccessTokenFromBeforeTheChangeCannotChangeItAgain() {
        String username = uniqueUsername("stolen");
        String stolen = accessToken(newSession(username));
        changePassword(stolen, "password-of-" + username, "the owner's new password");

        assertThat(changePassword(stolen, "the owner's new password", "the thief's password").status()).isEqualTo(403);
    }

    @Test
    void aWrongCurrentPasswordIs401AndChangesNothing() {
        String username = uniqueUsername("guesser");
        HttpApi.Response session = newSession(username);

        HttpApi.Response changed = changePassword(accessToken(session), "not my password", "a brand new password");

        assertThat(changed.status()).isEqualTo(401);
        assertThat(changed.contentType()).isEqualTo("application/problem+json");
        assertThat(refresh(refreshToken(session)).status()).isEqualTo(200);
    }

    @Test
    void aTooShortNewPasswordIsABadRequest() {
        String username = uniqueUsername("short");
        HttpApi.Response changed = changePassword(accessToken(newSession(username)), "password-of-" + username, "short");

        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("errors").get(0).get("field").asString()).isEqualTo("new_password");
    }

    @Test
    void changingThePasswordNeedsAToken() {
        assertThat(api.put("/api/auth/me/password", HttpApi.json("current_password", "a", "new_password",
                "something long")).status()).isEqualTo(401);
    }

    private HttpApi.Response changePassword(String accessToken, String current, String next) {
        return api.put("/api/auth/me/password", HttpApi.json("current_password", current, "new_password", next),
                "Authorization", HttpApi.bearer(accessToken), "X-Forwarded-For", uniqueClientAddress());
    }

    private HttpApi.Response refresh(String token) {
        return api.post("/api/auth/refresh", HttpApi.json("refresh_token", token));
    }
}
