package dev.library.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class ObservabilityTest extends AuthServiceTest {

    @Test
    void livenessAndReadinessAreUpOnTheManagementPort() {
        assertThat(management.get("/actuator/health/liveness").body()).contains("\"UP\"");
        HttpApi.Response readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void theActuatorIsNotServedOnTheApiPort() {
        assertThat(api.get("/actuator/health").status()).isIn(401, 404);
        assertThat(api.get("/actuator/prometheus").body()).doesNotContain("jvm_");
    }

    @Test
    void prometheusExposesLoginOutcomesTokenCountsAndRequestHistograms() {
        String username = uniqueUsername("metered");
        newSession(username);
        login(username, "wrong password");

        String metrics = management.get("/actuator/prometheus").body();

        assertThat(metrics).contains("library_auth_logins_total{application=\"auth-service\",outcome=\"success\"}");
        assertThat(metrics).contains("library_auth_logins_total{application=\"auth-service\",outcome=\"bad_credentials\"}");
        assertThat(metrics).contains("library_auth_logins_total{application=\"auth-service\",outcome=\"throttled\"}");
        assertThat(metrics).contains("library_auth_tokens_issued_total");
        assertThat(metrics).contains("library_auth_refresh_reuse_detected_total");
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/api/auth/login\".*le=");
    }

    @Test
    void aRequestIdIsEchoedOrCreated() {
        HttpApi.Response given = api.get("/.well-known/jwks.json", "X-Request-Id", "trace-me-123");
        HttpApi.Response created = api.get("/.well-known/jwks.json");

        assertThat(given.header("X-Request-Id")).isEqualTo("trace-me-123");
        assertThat(created.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aProblemCarriesTheRequestId() {
        HttpApi.Response response = api.post("/api/auth/login", "{}", "X-Request-Id", "problem-id-42");

        assertThat(response.json().get("requestId").asString()).isEqualTo("problem-id-42");
    }

    @Test
    void anUnknownPathIsAProblemNotAStackTrace() {
        HttpApi.Response response = api.get("/api/auth/nothing-here", "Authorization",
                HttpApi.bearer(adminAccessToken()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.library");
    }
}
