package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class LoginTest extends AuthServiceTest {

    @Test
    void loginReturnsABearerAccessTokenAndARefreshToken() {
        String username = uniqueUsername("login");
        signUp(username, "a good password");

        HttpApi.Response response = login(username, "a good password");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(900);
        assertThat(body.get("access_token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(body.get("refresh_token").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anAdminsAccessTokenLivesShorterThanAUsers() {
        HttpApi.Response admin = login(ADMIN_USERNAME, ADMIN_PASSWORD);

        assertThat(admin.json().get("expires_in").asLong()).isEqualTo(300);
    }

    @Test
    void theUsernameMatchesInAnyLetterCase() {
        String username = uniqueUsername("casing");
        signUp(username, "a good password");

        assertThat(login(username.toUpperCase(), "a good password").status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
        String username = uniqueUsername("known");
        signUp(username, "a good password");

        HttpApi.Response wrongPassword = login(username, "not the password");
        HttpApi.Response unknownUser = login(uniqueUsername("unknown"), "not the password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(withoutRequestSpecifics(wrongPassword.json())).isEqualTo(withoutRequestSpecifics(unknownUser.json()));
        assertThat(wrongPassword.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aMissingPasswordIsABadRequest() {
        HttpApi.Response response = api.post("/api/auth/login", HttpApi.json("username", "someone"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void theBootstrapAdminCanLogInAndIsAnAdmin() {
        HttpApi.Response response = login(ADMIN_USERNAME, ADMIN_PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        HttpApi.Response me = api.get("/api/auth/me", "Authorization",
                HttpApi.bearer(response.json().get("access_token").asString()));
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
    }

    private static JsonNode withoutRequestSpecifics(JsonNode problem) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) problem.deepCopy();
        copy.remove("requestId");
        return copy;
    }
}
