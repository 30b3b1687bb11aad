package dev.library.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservabilityTest extends BookServiceTest {

    @Test
    void prometheusShowsCacheMongoAndRequestMetrics() {
        String id = createdId(book("Measured", uniqueTag()));
        get("/api/books/" + id);
        get("/api/books/" + id);

        String scrape = metrics.scrape();

        assertThat(scrape).contains("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}");
        assertThat(scrape).contains("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"miss\"}");
        assertThat(scrape).contains("cache_puts_total{application=\"book-service\",cache=\"books\"}");
        assertThat(scrape).containsPattern("mongodb_driver_commands_seconds_bucket\\{.*command=\"find\"");
        assertThat(scrape).containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/api/books/\\{id}\"");
    }

    @Test
    void livenessAndReadinessAreUp() {
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").body()).contains("\"UP\"");
    }
}
