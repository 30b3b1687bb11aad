package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/** A service failing, hanging or restarting behind the gateway. */
class ResilienceTest extends EndToEndTest {

    @AfterEach
    void bookServiceIsBack() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        if (!books.isAlive()) {
            stack.restart(Stack.BOOK_SERVICE);
        }
        stack.awaitHealthy("/api/books?size=1", adminToken());
    }

    @Test
    void aStoppedServiceIs503AndItsCircuitOpensThenRecovers() throws Exception {
        String admin = adminToken();
        stack.service(Stack.BOOK_SERVICE).stop();

        // Writes are never retried, so each one is one quick failure for the circuit breaker.
        for (int i = 0; i < 3; i++) {
            HttpApi.Response failed = gateway.post("/api/books", "{}", "Authorization", HttpApi.bearer(admin));
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.contentType()).isEqualTo("application/problem+json");
            assertThat(failed.header("Retry-After")).isNotNull();
        }
        Instant before = Instant.now();
        HttpApi.Response open = gateway.get("/api/books", "Authorization", HttpApi.bearer(admin));
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.json().get("detail").asString()).contains("paused");
        assertThat(Duration.between(before, Instant.now())).as("an open circuit answers at once")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(stack.management(Stack.GATEWAY).get("/actuator/prometheus").body())
                .contains("resilience4j_circuitbreaker_state{application=\"gateway\",group=\"book-service\","
                        + "name=\"book-service\",state=\"open\"} 1.0");

        stack.restart(Stack.BOOK_SERVICE);

        stack.awaitHealthy("/api/books?size=1", admin);
    }

    @Test
    void aFrozenServiceIsAnsweredWithinTheResponseTimeout() throws Exception {
        String admin = adminToken();
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        books.freeze();
        Instant started = Instant.now();
        HttpApi.Response response;
        try {
            response = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(admin));
        } finally {
            books.thaw();
        }

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(Duration.between(started, Instant.now()))
                .isLessThan(RunningStack.RESPONSE_TIMEOUT.plus(Duration.ofSeconds(3)));
    }

    @Test
    void aGetDuringARestartSucceedsThroughRetries() throws Exception {
        String admin = adminToken();
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        books.stop();

        CompletableFuture<HttpApi.Response> duringRestart = CompletableFuture.supplyAsync(
                () -> gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(admin)));
        stack.restart(Stack.BOOK_SERVICE);

        assertThat(duringRestart.get().status()).isEqualTo(200);
    }
}
