package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.stores.embedded.FreePorts;
import dev.library.stores.embedded.RequiredTools;

class LocalMonitoringTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void saysPlainlyWhatIsNotInstalled() {
        LocalMonitoring monitoring = LocalMonitoring.start(HOME, dataDir, out, program -> Optional.empty(),
                FreePorts.find(), FreePorts.find());
        monitoring.stop();

        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Prometheus    NOT started: not installed (apt-get install prometheus)")
                .contains("node-exporter NOT started: not installed (apt-get install prometheus-node-exporter)");
    }

    @Test
    void startsPrometheusWithTheLocalConfigurationAndNodeExporter() throws Exception {
        requireInstalled("prometheus");
        requireInstalled("prometheus-node-exporter");
        int prometheusPort = FreePorts.find();
        int nodeExporterPort = FreePorts.find();

        LocalMonitoring monitoring = LocalMonitoring.start(HOME, dataDir, out, RequiredTools::onPath, prometheusPort,
                nodeExporterPort);
        try {
            assertThat(get("http://127.0.0.1:" + prometheusPort + "/api/v1/status/config")).contains("library-pods");
            assertThat(get("http://127.0.0.1:" + nodeExporterPort + "/metrics")).contains("node_cpu_seconds_total");
            assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("NOT started");
        } finally {
            monitoring.stop();
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void requireInstalled(String program) {
        if (RequiredTools.onPath(program).isEmpty()) {
            String message = program + " is not installed (.ci/run installs it)";
            if (RequiredTools.strict()) {
                fail(message);
            }
            assumeTrue(false, message);
        }
    }
}
