package dev.library.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.library.gateway.GatewayTest;
import dev.library.testhttp.HttpApi;

/** A service failing, hanging or stopped behind the gateway. */
class ResilienceTest extends GatewayTest {

    @AfterEach
    void bookServiceIsBack() throws InterruptedException {
        BOOK_SERVICE.answer();
        BOOK_SERVICE.start();
        awaitBookServiceReachable();
    }

    @Test
    void aStoppedServiceIs503AndItsCircuitOpensThenRecovers() throws InterruptedException {
        String admin = ISSUER.admin();
        BOOK_SERVICE.stop();

        // A write is retried only on a refused connection, briefly: each one is one quick failure for the circuit breaker.
        for (int i = 0; i < CIRCUIT_WINDOW; i++) {
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
        assertThat(metrics.scrape()).contains("resilience4j_circuitbreaker_state{application=\"gateway\","
                + "group=\"book-service\",name=\"book-service\",state=\"open\"} 1.0");

        BOOK_SERVICE.start();

        awaitBookServiceReachable();
    }

    @Test
    void aFrozenServiceIsAnswered504WithinTheResponseTimeout() {
        BOOK_SERVICE.hang();
        Instant started = Instant.now();
        HttpApi.Response response;
        try {
            response = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(ISSUER.user()));
        } finally {
            BOOK_SERVICE.answer();
        }

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(Duration.between(started, Instant.now())).isLessThan(RESPONSE_TIMEOUT.plus(Duration.ofSeconds(3)));
    }

    @Test
    void timeoutsCountAsFailuresAndOpenTheCircuit() {
        List<Integer> statuses = new ArrayList<>();
        HttpApi.Response response;
        BOOK_SERVICE.hang();
        try {
            do { // a full window of timeouts at most (fewer if an earlier test left the circuit half-open)
                response = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(ISSUER.user()));
                statuses.add(response.status());
            } while (response.status() == 504 && statuses.size() <= CIRCUIT_WINDOW);
        } finally {
            BOOK_SERVICE.answer();
        }

        assertThat(statuses).as("504 while the calls time out, then 503 from the open circuit").startsWith(504)
                .endsWith(503).containsOnly(504, 503);
        assertThat(response.json().get("detail").asString()).contains("paused");
    }

    @Test
    void aReadAnswered503IsRetried() {
        int before = BOOK_SERVICE.requests();
        BOOK_SERVICE.failNext(1);

        HttpApi.Response response = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(ISSUER.user()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(BOOK_SERVICE.requests() - before).isEqualTo(2);
    }

    @Test
    void aWriteAnswered503IsNotRetried() {
        int before = BOOK_SERVICE.requests();
        BOOK_SERVICE.failNext(1);

        HttpApi.Response response = gateway.post("/api/books", "{}", "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(BOOK_SERVICE.requests() - before).isEqualTo(1);
    }
}
