package dev.library.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.library.stores.embedded.RequiredTools;

/**
 * {@code ./run --monitoring}: Debian's {@code prometheus} (on 9090, with
 * monitoring/prometheus/prometheus-local.yml, data under the data directory) and
 * {@code prometheus-node-exporter} (on 9100), when they are installed. Whatever cannot start is
 * reported plainly; the stack runs on without it.
 */
final class LocalMonitoring {

    static final int PROMETHEUS_PORT = 9090;
    static final int NODE_EXPORTER_PORT = 9100;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<Process> processes = new ArrayList<>();

    private LocalMonitoring() {
    }

    /** Starts what is installed on the fixed local ports. */
    static LocalMonitoring start(Path home, Path dataDir, PrintStream out) {
        return start(home, dataDir, out, RequiredTools::onPath, PROMETHEUS_PORT, NODE_EXPORTER_PORT);
    }

    static LocalMonitoring start(Path home, Path dataDir, PrintStream out, Function<String, Optional<Path>> programs,
            int prometheusPort, int nodeExporterPort) {
        LocalMonitoring monitoring = new LocalMonitoring();
        Path logs = dataDir.resolve("logs");
        Path config = home.resolve("monitoring").resolve("prometheus").resolve("prometheus-local.yml");
        monitoring.launch(out, "Prometheus", programs.apply("prometheus"), "prometheus", prometheusPort,
                "/-/ready", logs.resolve("prometheus.log"), binary -> List.of(binary.toString(),
                        "--config.file=" + config, "--storage.tsdb.path=" + dataDir.resolve("prometheus"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort));
        Optional<Path> nodeExporter = programs.apply("prometheus-node-exporter").or(() -> programs.apply("node_exporter"));
        monitoring.launch(out, "node-exporter", nodeExporter, "prometheus-node-exporter", nodeExporterPort, "/metrics",
                logs.resolve("node-exporter.log"), binary -> List.of(binary.toString(),
                        "--web.listen-address=127.0.0.1:" + nodeExporterPort));
        return monitoring;
    }

    private void launch(PrintStream out, String name, Optional<Path> binary, String debianPackage, int port,
            String readyPath, Path log, Function<Path, List<String>> command) {
        String label = String.format("  %-13s ", name);
        if (binary.isEmpty()) {
            out.println(label + "NOT started: not installed (apt-get install " + debianPackage + ")");
            return;
        }
        if (!free(port)) {
            out.println(label + "NOT started: port " + port + " is already in use");
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command.apply(binary.get())).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            processes.add(process);
            if (awaitReady(process, "http://127.0.0.1:" + port + readyPath)) {
                out.println(label + "http://localhost:" + port + "   (log: " + log + ")");
            } else {
                process.destroy();
                out.println(label + "NOT started: did not become ready (exit "
                        + (process.isAlive() ? "-" : process.exitValue()) + "); see " + log);
            }
        } catch (IOException e) {
            out.println(label + "NOT started: " + e.getMessage());
        }
    }

    /** Stops what was started, and waits for it to be gone. */
    void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static boolean awaitReady(Process process, String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
