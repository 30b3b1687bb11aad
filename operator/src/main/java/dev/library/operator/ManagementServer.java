package dev.library.operator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The operator's management port, with the same paths as the services': liveness (informers
 * healthy and a leader within the bound), readiness (informers synced and this replica running)
 * and Prometheus metrics.
 */
final class ManagementServer implements AutoCloseable {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    static final String PROMETHEUS = "/actuator/prometheus";

    private final HttpServer server;

    ManagementServer(int port, PrometheusMeterRegistry registry, BooleanSupplier alive, BooleanSupplier ready)
            throws IOException {
        this(port, registry, alive, ready, () -> {
        });
    }

    /** @param beforeScrape brings the metrics up to date (drops a deleted Library's series) */
    ManagementServer(int port, PrometheusMeterRegistry registry, BooleanSupplier alive, BooleanSupplier ready,
            Runnable beforeScrape) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext(LIVENESS, exchange -> health(exchange, alive.getAsBoolean()));
        server.createContext(READINESS, exchange -> health(exchange, ready.getAsBoolean()));
        server.createContext(PROMETHEUS, exchange -> {
            beforeScrape.run();
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, boolean up) throws IOException {
        respond(exchange, up ? 200 : 503, "application/json", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
