package dev.library.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.RawHttp;

/**
 * Requests a client can send but no client should: odd media types, bad escapes, brackets in a
 * query. Each gets a 4xx problem, never a 500, never an HTML page, never framework text.
 */
class HostileRequestTest extends AuthServiceTest {

    @Value("${local.server.port}")
    private int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*/*", "application/*", "application/*+json"})
    void aWildcardContentTypeOnLoginIsA415Problem(String contentType) {
        RawHttp.Answer answer = RawHttp.post(port, "/api/auth/login", contentType,
                "{\"username\":\"nobody\",\"password\":\"whatever-it-is\"}");

        assertProblem(answer, 415);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/auth/signup", "/api/auth/refresh"})
    void aWildcardContentTypeOnSignupAndRefreshIsA415Problem(String path) {
        assertProblem(RawHttp.post(port, path, "application/*+json", "{}"), 415);
    }

    @Test
    void aYamlBodyIsRefusedWith415() {
        RawHttp.Answer answer = RawHttp.post(port, "/api/auth/login", "application/yaml",
                "username: nobody\npassword: whatever-it-is\nextra: ignored\n");

        assertProblem(answer, 415);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/.well-known/jwks.json?a[b]=1", "/.well-known/jwks.json?q[$ne]=x", "/api/auth/%c0%ae",
            "/api/auth/%ff"})
    void aMalformedUrlIsA400Problem(String target) {
        assertProblem(RawHttp.get(port, target), 400);
    }

    @Test
    void anUnknownPathIsA404ProblemWithoutFrameworkText() {
        RawHttp.Answer answer = RawHttp.get(port, "/api/auth/foo", "Authorization", "Bearer " + adminAccessToken());

        assertProblem(answer, 404);
        assertThat(answer.body()).doesNotContain("static resource");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Bearer not.a.token", "Bearer eyJhbGciOiJub25lIn0.e30.", "Basic Zm9vOmJhcg=="})
    void aPublicRouteIgnoresABadAuthorizationHeader(String authorization) {
        String username = uniqueUsername("header");
        signUp(username, "the right password");

        assertThat(api.post("/api/auth/login", dev.library.testhttp.HttpApi.json("username", username, "password",
                "the right password"), "Authorization", authorization, "X-Forwarded-For", uniqueClientAddress())
                .status()).isEqualTo(200);
        assertThat(api.get("/.well-known/jwks.json", "Authorization", authorization).status()).isEqualTo(200);
    }

    @Test
    void introspectionRefusesATokenInTheUrl() {
        String token = adminAccessToken();

        RawHttp.Answer answer = RawHttp.post(port, "/internal/introspect?token=" + token,
                "application/x-www-form-urlencoded", "token=" + token);

        assertProblem(answer, 400);
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body()).as(answer.toString()).contains("\"status\":" + status)
                .doesNotContain("Exception").doesNotContain("<html");
    }
}
