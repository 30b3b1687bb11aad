package dev.library.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.library.stores.embedded.FreePorts;

/**
 * A stand-in for auth-service or book-service behind the gateway: a real HTTP server on a free
 * loopback port that answers every request 200 with a small JSON body and remembers what it
 * received. A test can make it answer 503 a few times, hang, or go away and come back on the
 * same port, and must leave it answering again.
 */
public final class StubUpstream {

    /** How long a hanging request is held at most, should a test forget to {@link #answer()}. */
    private static final Duration LONGEST_HANG = Duration.ofSeconds(30);

    private final String name;
    private final int port = FreePorts.find();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile CountDownLatch hanging;
    private volatile Headers lastHeaders;
    private HttpServer server;

    public StubUpstream(String name) {
        this.name = name;
        start();
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests whose headers arrived so far, whether or not their body has arrived whole. */
    public int started() {
        return started.get();
    }

    /** A header of the last request received, or null. */
    public String lastHeader(String header) {
        Headers headers = lastHeaders;
        return headers == null ? null : headers.getFirst(header);
    }

    /** Answers normally again: every request at once, 200. */
    public void answer() {
        failuresLeft.set(0);
        CountDownLatch held = hanging;
        hanging = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** The next {@code count} requests get 503, as from a service that is starting or overloaded. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Requests are held without an answer, as by a frozen service, until {@link #answer()}. */
    public void hang() {
        hanging = new CountDownLatch(1);
    }

    /** Closes the port: connections are refused, as to a stopped service. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        started.incrementAndGet();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            requests.incrementAndGet();
            lastHeaders = exchange.getRequestHeaders();
            CountDownLatch held = hanging;
            if (held != null) {
                held.await(LONGEST_HANG.toMillis(), TimeUnit.MILLISECONDS);
            }
            boolean fail = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            byte[] answer = ("{\"service\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByTheGateway) {
            // The gateway gave up on a hanging request: nothing to answer.
        }
    }
}
