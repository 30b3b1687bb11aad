package dev.library.deploy.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json (and the chart's own checks) refuse bad values with a message naming the key. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "gateway.replicas|0|gateway.replicas",
            "bookService.replicas|many|bookService.replicas",
            "image.tag|latest|image.tag",
            "image.pullPolicy|Sometimes|image.pullPolicy",
            "authService.resources.limits.memory|lots|authService.resources.limits.memory",
            "gateway.jvmMemoryPercent|99|gateway.jvmMemoryPercent",
            "mongodb.mode|Embedded|mongodb.mode",
            "gatway.replicas|2|gatway",
            "monitoring.grafana.adminPassword|secret|adminPassword",
            "monitoring.prometheus.image|quay.io/prometheus/prometheus:latest|monitoring.prometheus.image",
            "ingress.host|https://books.example.org|ingress.host",
            "tokens.accessTokenTtl|fifteen minutes|tokens.accessTokenTtl",
            "mongodb.mode|External|mongodb.uriSecret.name is required",
            "redis.mode|External|redis.urlSecret.name is required"})
    void refusesABadValueNamingIt(String key, String value, String message) {
        assertThatThrownBy(() -> Chart.template(null, Map.of(key, value))).hasMessageContaining(message);
    }
}
