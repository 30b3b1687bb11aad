package dev.library.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The three services wired together as on Kubernetes, each its own JVM, started in dependency
 * order (auth-service, book-service, gateway) against stores the caller provides. Used by
 * {@code ./run} and by the end-to-end tests, which also stop and restart single services.
 */
public final class Stack implements AutoCloseable {

    public static final String AUTH_SERVICE = "auth-service";
    public static final String BOOK_SERVICE = "book-service";
    public static final String GATEWAY = "gateway";
    // How long a service may take to become ready; a machine shared with other heavy work may need more.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("LIBRARY_READY_TIMEOUT_SECONDS", "180")));

    /** Where everything listens. */
    public record Ports(int gateway, int gatewayManagement, int auth, int authManagement, int book,
            int bookManagement) {

        /** Further book-service instances (index 2, 3...) listen 100 ports above the first, per instance. */
        static final int INSTANCE_PORT_STEP = 100;

        public int bookInstance(int index) {
            return book + INSTANCE_PORT_STEP * (index - 1);
        }

        public int bookInstanceManagement(int index) {
            return bookManagement + INSTANCE_PORT_STEP * (index - 1);
        }

        public static Ports defaults() {
            return new Ports(8080, 9080, 8081, 9081, 8082, 9082);
        }

        /** Free loopback ports, for tests that must not collide with a running ./run. */
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * @param home        the repository root (where the service jars are built)
     * @param dataDir     where the services keep files (signing keys) and logs
     * @param mongoUri    the MongoDB every service uses (each its own database)
     * @param redisUrl    the Redis every service uses
     * @param environment extra environment for every service (admin credentials, limits...)
     * @param jvmOptions  JVM options for every service
     * @param bookServiceInstances how many book-service processes the gateway spreads calls over
     */
    public record Config(Path home, Path dataDir, String mongoUri, String redisUrl, Ports ports,
            Map<String, String> environment, List<String> jvmOptions, int bookServiceInstances) {

        public Config(Path home, Path dataDir, String mongoUri, String redisUrl, Ports ports,
                Map<String, String> environment, List<String> jvmOptions) {
            this(home, dataDir, mongoUri, redisUrl, ports, environment, jvmOptions, 1);
        }
    }

    private final Config config;
    private final Map<String, ServiceProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    public Stack(Config config) {
        this.config = config;
    }

    /**
     * Starts auth-service, book-service and the gateway, each once the previous is ready. On
     * failure, what was started is stopped; {@link #close()} may also be called meanwhile.
     */
    public void start(PrintStream progress) throws IOException, InterruptedException {
        try {
            launchAll(progress);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void launchAll(PrintStream progress) throws IOException, InterruptedException {
        Ports ports = config.ports();
        String authUrl = "http://127.0.0.1:" + ports.auth();
        String issuer = config.environment().getOrDefault("LIBRARY_AUTH_ISSUER", "http://localhost:" + ports.auth());

        Map<String, String> common = new HashMap<>(config.environment());
        common.put("MONGODB_URI", config.mongoUri());
        common.put("REDIS_URL", config.redisUrl());
        common.put("LIBRARY_DATA_DIR", config.dataDir().toString());
        common.put("LIBRARY_AUTH_ISSUER", issuer);

        Map<String, String> validators = new HashMap<>(common);
        validators.put("LIBRARY_AUTH_JWKS_URI", authUrl + "/.well-known/jwks.json");

        Map<String, String> gateway = new HashMap<>(validators);
        gateway.put("LIBRARY_GATEWAY_AUTH_SERVICE_URI", authUrl);
        List<String> bookUrls = new ArrayList<>();
        for (int index = 1; index <= config.bookServiceInstances(); index++) {
            bookUrls.add("http://127.0.0.1:" + ports.bookInstance(index));
        }
        gateway.put("LIBRARY_GATEWAY_BOOK_SERVICE_URI", String.join(",", bookUrls));

        // auth-service and book-service need only the stores (book-service fetches the keys on
        // its first request), so they start side by side; the gateway routes to both, so it comes last.
        CompletableFuture<Void> books = CompletableFuture.runAsync(() -> {
            for (int index = 1; index <= config.bookServiceInstances(); index++) {
                launchUnchecked(BOOK_SERVICE, index == 1 ? BOOK_SERVICE : BOOK_SERVICE + "-" + index,
                        ports.bookInstance(index), ports.bookInstanceManagement(index), validators, progress);
            }
        });
        launch(AUTH_SERVICE, AUTH_SERVICE, ports.auth(), ports.authManagement(), common, progress);
        try {
            books.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        launch(GATEWAY, GATEWAY, ports.gateway(), ports.gatewayManagement(), gateway, progress);
    }

    private void launchUnchecked(String module, String name, int port, int managementPort,
            Map<String, String> environment, PrintStream progress) {
        try {
            launch(module, name, port, managementPort, environment, progress);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(String module, String name, int port, int managementPort, Map<String, String> environment,
            PrintStream progress) throws IOException, InterruptedException {
        ServiceProcess service = new ServiceProcess(name, config.home().resolve(module).resolve("target")
                .resolve(module + ".jar"), port, managementPort, config.dataDir().resolve("logs"), javaCommand(),
                config.jvmOptions(), environment);
        services.put(name, service);
        progress.println("Starting " + name + " (log: " + service.logFile() + ") ...");
        service.start(READY_TIMEOUT);
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess service = service(name);
        service.stop();
        service.start(READY_TIMEOUT);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + config.ports().gateway();
    }

    /** Stops every service, in reverse order of start. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
