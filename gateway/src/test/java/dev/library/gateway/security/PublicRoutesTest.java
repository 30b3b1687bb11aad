package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.gateway.GatewayTest;
import dev.library.testhttp.HttpApi;

/**
 * Public routes are public whatever Authorization header comes along (issue 26: a client that
 * always sends its token, expired or not, must still be able to log in): the header is ignored and
 * not passed on; and HEAD follows GET's rule.
 */
class PublicRoutesTest extends GatewayTest {

    private static final String EXPIRED = ISSUER.token(ISSUER.claims("USER")
            .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .notBeforeTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build());

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login", "/api/auth/signup", "/api/auth/refresh"})
    void aSignInWithAnExpiredTokenIsPassedOnWithoutIt(String path) {
        HttpApi.Response response = gateway.post(path, HttpApi.json("username", "someone", "password", "a password"),
                "Authorization", HttpApi.bearer(EXPIRED));

        assertThat(response.status()).isEqualTo(200);
        assertThat(AUTH_SERVICE.lastHeader("Authorization")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/ping", "/.well-known/jwks.json"})
    void aPublicReadWithAGarbageTokenIsAnswered(String path) {
        HttpApi.Response response = gateway.get(path, "Authorization", "Bearer not-a-token");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionWithAnExpiredTokenIsNot401() {
        HttpApi.Response response = gateway.get("/api/openapi.json", "Authorization", HttpApi.bearer(EXPIRED));

        assertThat(response.status()).isNotEqualTo(401);
    }

    @Test
    void headOfPingIsPublicAsItsGetIs() {
        HttpApi.Response response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/api/ping"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aProtectedRouteWithAnExpiredTokenIsStill401() {
        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(EXPIRED));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }
}
