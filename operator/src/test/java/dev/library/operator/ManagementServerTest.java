package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ManagementServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessFollowsTheOperatorAndMetricsAreInPrometheusFormat() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("operator.sdk.reconciliations.started").increment();
        AtomicBoolean ready = new AtomicBoolean(false);
        try (ManagementServer server = new ManagementServer(0, registry, () -> true, ready::get)) {
            assertThat(get(server, ManagementServer.LIVENESS).statusCode()).isEqualTo(200);
            assertThat(get(server, ManagementServer.READINESS).statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server, ManagementServer.READINESS).statusCode()).isEqualTo(200);
            assertThat(get(server, ManagementServer.PROMETHEUS).body())
                    .contains("operator_sdk_reconciliations_started_total 1.0");
        }
    }
}
