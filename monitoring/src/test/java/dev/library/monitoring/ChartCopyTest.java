package dev.library.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Helm's .Files cannot read outside the chart, so the chart carries a copy of monitoring/'s
 * Prometheus and Grafana files under helm/library/files/monitoring/. The copy must not drift:
 * after editing monitoring/, run monitoring/sync-chart-copy.sh.
 */
class ChartCopyTest {

    private static final Path COPY = Tools.ROOT.resolve("helm").resolve("library").resolve("files").resolve("monitoring");

    @Test
    void theChartCarriesAnIdenticalCopyOfThePrometheusAndGrafanaFiles() throws IOException {
        Map<String, String> source = contents(Tools.MONITORING, "prometheus/prometheus.yml", "prometheus/rules", "grafana/provisioning",
                "grafana/dashboards");
        Map<String, String> copy = contents(COPY, "prometheus/prometheus.yml", "prometheus/rules", "grafana/provisioning",
                "grafana/dashboards");

        assertThat(source).isNotEmpty();
        assertThat(copy.keySet()).isEqualTo(source.keySet());
        source.forEach((file, text) -> assertThat(copy.get(file)).as("helm/library/files/monitoring/" + file
                + " differs from monitoring/" + file).isEqualTo(text));
    }

    private static Map<String, String> contents(Path base, String... parts) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String part : parts) {
            Path start = base.resolve(part);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(base.relativize(file).toString(), Files.readString(file));
                }
            }
        }
        return files;
    }
}
