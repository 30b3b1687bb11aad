package dev.library.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves the recorded kubelet cAdvisor scrape (src/test/resources/kubelet-cadvisor-k3s.prom) as a
 * kubelet would: at /metrics/cadvisor, every sample stamped with the current time, and counters
 * growing by 5% of their recorded value per scrape so that rates are non-zero. Also serves the
 * recorded kube-state-metrics scrape (kube-state-metrics.prom) as is at /kube-state-metrics/metrics:
 * kube-state-metrics needs an API server, which cannot run here.
 */
final class CadvisorFixtureServer implements AutoCloseable {

    static final Path FIXTURE = Path.of("src", "test", "resources", "kubelet-cadvisor-k3s.prom");
    static final Path KUBE_STATE_METRICS = Path.of("src", "test", "resources", "kube-state-metrics.prom");
    static final String KUBE_STATE_METRICS_PATH = "/kube-state-metrics/metrics";

    private final HttpServer server;
    private final List<String> lines;
    private final byte[] kubeStateMetrics;
    private final AtomicInteger scrapes = new AtomicInteger();

    CadvisorFixtureServer(int port) {
        try {
            lines = Files.readAllLines(FIXTURE);
            kubeStateMetrics = Files.readAllBytes(KUBE_STATE_METRICS);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics/cadvisor", exchange -> {
            byte[] body = render(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext(KUBE_STATE_METRICS_PATH, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, kubeStateMetrics.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(kubeStateMetrics);
            }
        });
        server.start();
    }

    private String render(int scrape) {
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                out.append(line).append('\n');
                continue;
            }
            int timestamp = line.lastIndexOf(' ');
            int value = line.lastIndexOf(' ', timestamp - 1);
            String series = line.substring(0, value);
            double recorded = Double.parseDouble(line.substring(value + 1, timestamp));
            boolean counter = series.substring(0, series.indexOf('{')).endsWith("_total");
            double sample = counter ? recorded * (1 + 0.05 * scrape) : recorded;
            out.append(series).append(' ').append(sample).append(' ').append(now).append('\n');
        }
        return out.toString();
    }

    int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
