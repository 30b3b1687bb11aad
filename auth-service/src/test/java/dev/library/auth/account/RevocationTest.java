package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * Demotion, disabling and logout take effect for admin calls at once, not when the access token
 * expires: the token must match the account as it is now.
 */
class RevocationTest extends AuthServiceTest {

    @Test
    void aDemotedAdminsTokenNoLongerChangesRoles() {
        String demoted = newAdmin("demoted");
        String token = accessToken(login(demoted, "password-of-" + demoted));
        assertThat(setRoles(uniqueVictim(), List.of("ADMIN"), token).status()).isEqualTo(200);

        setRoles(demoted, List.of(), adminAccessToken());

        HttpApi.Response attempt = setRoles(uniqueVictim(), List.of("ADMIN"), token);
        assertThat(attempt.status()).isEqualTo(403);
        assertThat(attempt.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aDisabledAdminsTokenNoLongerChangesAnything() {
        String disabled = newAdmin("disabled");
        String token = accessToken(login(disabled, "password-of-" + disabled));

        assertThat(setEnabled(disabled, false, adminAccessToken()).status()).isEqualTo(200);

        assertThat(setRoles(uniqueVictim(), List.of("ADMIN"), token).status()).isEqualTo(403);
        assertThat(setEnabled(ADMIN_USERNAME, false, token).status()).isEqualTo(403);
    }

    @Test
    void aLoggedOutAdminsAccessTokenNoLongerChangesRoles() {
        String admin = newAdmin("leaver");
        HttpApi.Response session = login(admin, "password-of-" + admin);

        assertThat(api.post("/api/auth/logout", HttpApi.json("refresh_token", refreshToken(session))).status())
                .isEqualTo(204);

        assertThat(setRoles(uniqueVictim(), List.of("ADMIN"), accessToken(session)).status()).isEqualTo(403);
    }

    @Test
    void aDisabledAccountCannotLogInOrRefresh() {
        String username = uniqueUsername("suspended");
        HttpApi.Response session = newSession(username);

        assertThat(setEnabled(username, false, adminAccessToken()).json().get("enabled").asBoolean()).isFalse();

        HttpApi.Response login = login(username, "password-of-" + username);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.contentType()).isEqualTo("application/problem+json");
        assertThat(api.post("/api/auth/refresh", HttpApi.json("refresh_token", refreshToken(session))).status())
                .isEqualTo(401);
    }

    @Test
    void aReenabledAccountLogsInAgain() {
        String username = uniqueUsername("forgiven");
        newSession(username);
        setEnabled(username, false, adminAccessToken());

        HttpApi.Response enabled = setEnabled(username, true, adminAccessToken());

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(login(username, "password-of-" + username).status()).isEqualTo(200);
    }

    @Test
    void aUserMayNotDisableAccounts() {
        String token = accessToken(newSession(uniqueUsername("mischief")));

        assertThat(setEnabled(ADMIN_USERNAME, false, token).status()).isEqualTo(403);
    }

    @Test
    void disablingAnUnknownAccountIs404() {
        assertThat(setEnabled(uniqueUsername("nobody"), false, adminAccessToken()).status()).isEqualTo(404);
    }

    /** An account made ADMIN by the bootstrap admin; returns its username. */
    private String newAdmin(String prefix) {
        String username = uniqueUsername(prefix);
        signUp(username, "password-of-" + username);
        assertThat(setRoles(username, List.of("ADMIN"), adminAccessToken()).status()).isEqualTo(200);
        return username;
    }

    private String uniqueVictim() {
        String username = uniqueUsername("target");
        signUp(username, "password-of-" + username);
        return username;
    }

    private HttpApi.Response setRoles(String username, List<String> roles, String token) {
        return api.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", roles),
                "Authorization", HttpApi.bearer(token));
    }

    private HttpApi.Response setEnabled(String username, boolean enabled, String token) {
        return api.put("/api/auth/users/" + username + "/enabled", HttpApi.json("enabled", enabled),
                "Authorization", HttpApi.bearer(token));
    }
}
