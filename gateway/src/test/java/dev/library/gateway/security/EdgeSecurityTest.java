package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.gateway.GatewayTest;
import dev.library.testhttp.HttpApi;

/**
 * What the edge refuses, before any service is touched. Which tokens are valid is specified once,
 * in jwt-validation; here, that the edge applies those rules and answers as the services do.
 */
class EdgeSecurityTest extends GatewayTest {

    @Test
    void noTokenIs401ProblemAndNoServiceIsCalled() {
        int before = BOOK_SERVICE.requests();

        HttpApi.Response response = gateway.get("/api/books");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("Authentication is required: send a Bearer access token.");
        assertThat(BOOK_SERVICE.requests()).isEqualTo(before);
    }

    @Test
    void aForgedTokenIs401WithABearerChallengeAndNoServiceIsCalled() {
        String[] parts = ISSUER.admin().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        int before = BOOK_SERVICE.requests();

        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(forged));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(BOOK_SERVICE.requests()).as("book-service was not called").isEqualTo(before);
    }

    @Test
    void aValidTokenIsForwardedToTheServiceWhichChecksItAgain() {
        String token = ISSUER.user();

        HttpApi.Response response = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(BOOK_SERVICE.lastHeader("Authorization")).isEqualTo(HttpApi.bearer(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/prometheus", "//actuator/health",
            "/ACTUATOR/health", "/api/auth/../../actuator/health", "/api/books/%2e%2e/%2e%2e/actuator/health",
            "/api/books/..%2F..%2Factuator/health", "/api/auth/actuator/health", "/api/books/actuator/prometheus",
            "/.well-known/../actuator/health", "/api/ping/../../actuator/env", "/api/auth/%2e%2e%2factuator"})
    void noSpellingReachesAnActuator(String path) {
        HttpApi.Response response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).GET(),
                "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.body()).doesNotContain("\"UP\"").doesNotContain("jvm_").doesNotContain("components");
        if (response.status() == 200) {
            // Routed as an API path to a service's API port (its actuator listens elsewhere).
            assertThat(response.json().get("path").asString()).startsWith("/api/");
        } else {
            assertThat(response.status()).isBetween(400, 499);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (HttpApi.Response response : List.of(gateway.get("/api/ping"), gateway.get("/api/books"),
                gateway.get("/nowhere"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        }
    }

    @Test
    void noOriginIsAllowedCrossOriginByDefault() {
        HttpApi.Response preflight = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/api/books"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aBodyOverTheLimitIs413AndNoServiceIsCalled() {
        int before = AUTH_SERVICE.requests();

        HttpApi.Response response = gateway.post("/api/auth/signup", "{\"username\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(AUTH_SERVICE.requests()).isEqualTo(before);
    }

    @Test
    void anUnroutedPathIs404Problem() {
        HttpApi.Response response = gateway.get("/api/nothing", "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("There is nothing at this path.");
    }

    @Test
    void everyAnswerCarriesARequestIdThatAlsoReachesTheService() {
        HttpApi.Response response = gateway.get("/api/ping", "X-Request-Id", "edge-spec-1");

        assertThat(response.header("X-Request-Id")).isEqualTo("edge-spec-1");
        assertThat(BOOK_SERVICE.lastHeader("X-Request-Id")).isEqualTo("edge-spec-1");
    }
}
