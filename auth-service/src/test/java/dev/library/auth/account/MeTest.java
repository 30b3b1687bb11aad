package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class MeTest extends AuthServiceTest {

    @Test
    void meDescribesTheAccountOfTheToken() {
        String username = uniqueUsername("me");
        String id = signUp(username, "a good password").json().get("id").asString();
        String token = login(username, "a good password").json().get("access_token").asString();

        HttpApi.Response me = api.get("/api/auth/me", "Authorization", HttpApi.bearer(token));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(id);
        assertThat(me.json().get("username").asString()).isEqualTo(username);
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void meWithoutATokenIs401WithABearerChallenge() {
        HttpApi.Response me = api.get("/api/auth/me");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).isEqualTo("application/problem+json");
        assertThat(me.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void meWithAMalformedTokenIs401() {
        HttpApi.Response me = api.get("/api/auth/me", "Authorization", "Bearer not.a.jwt");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).isEqualTo("application/problem+json");
    }
}
