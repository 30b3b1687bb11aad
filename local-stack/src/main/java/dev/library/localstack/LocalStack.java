package dev.library.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.stores.embedded.RedisServerProcess;

/**
 * {@code ./run}: the whole library stack on one machine with nothing installed but a JDK.
 * Starts the stores (embedded MongoDB persisting under the data directory, a Redis process), then
 * each service in dependency order as its own JVM, waits for each to be ready, prints where
 * everything listens, and on Ctrl-C stops it all in reverse order, leaving no process behind.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String DEFAULT_JAVA_OPTS = "-Xmx512m";
    private static final int AUTH_PORT = 8081;
    private static final int AUTH_MANAGEMENT_PORT = 9081;
    private static final int BOOK_PORT = 8082;
    private static final int BOOK_MANAGEMENT_PORT = 9082;
    private static final String AUTH_URL = "http://localhost:" + AUTH_PORT;

    private final StackOptions options;
    private final Map<String, String> env;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedMongo mongo;
    private RedisServerProcess redis;
    private volatile boolean stopping;

    private LocalStack(StackOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("library.home", ".")).toAbsolutePath().normalize();
        StackOptions options;
        try {
            options = StackOptions.parse(args, home, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("./run: " + e.getMessage() + "\n\n" + StackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(StackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("\n./run: " + e.getMessage());
            System.exit(1);
        }
        stack.watch();
        stopped.await();
    }

    private void start() throws Exception {
        Instant begin = Instant.now();
        Path logs = options.dataDir().resolve("logs");
        String mongoUri = options.mongoUri();
        String mongoNote = "external (MONGODB_URI)";
        if (mongoUri == null) {
            requireFree(options.mongoPort(), "MONGODB_PORT", "MongoDB");
            mongo = EmbeddedMongo.persistent(options.dataDir().resolve("mongo").resolve("library.mv"), options.mongoPort());
            mongoUri = "mongodb://127.0.0.1:" + mongo.port();
            mongoNote = "embedded, data in " + relative(options.dataDir().resolve("mongo"));
        }
        String redisUrl = options.redisUrl();
        String redisNote = "external (REDIS_URL)";
        if (redisUrl == null) {
            requireFree(options.redisPort(), "REDIS_PORT", "Redis");
            redis = RedisServerProcess.start(options.redisPort());
            redisUrl = redis.url();
            redisNote = redis.isSystemBinary() ? "system redis-server, nothing kept on disk"
                    : "redis-server from embedded-redis, nothing kept on disk";
        }
        AdminCredentials admin = AdminCredentials.resolve(env, options.dataDir());

        Map<String, String> common = new HashMap<>();
        common.put("MONGODB_URI", mongoUri);
        common.put("REDIS_URL", redisUrl);
        common.put("LIBRARY_DATA_DIR", options.dataDir().toString());
        List<String> jvmOptions = Arrays.asList(env.getOrDefault("LIBRARY_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim()
                .split("\\s+"));
        String java = ProcessHandle.current().info().command().orElse("java");

        Map<String, String> authEnv = new HashMap<>(common);
        authEnv.put("LIBRARY_ADMIN_USERNAME", admin.username());
        authEnv.put("LIBRARY_ADMIN_PASSWORD", admin.password());
        ServiceProcess auth = new ServiceProcess("auth-service", jar("auth-service"), AUTH_PORT, AUTH_MANAGEMENT_PORT,
                logs);
        launch(auth, java, jvmOptions, authEnv);

        Map<String, String> bookEnv = new HashMap<>(common);
        bookEnv.put("LIBRARY_AUTH_ISSUER", authEnv.getOrDefault("LIBRARY_AUTH_ISSUER", AUTH_URL));
        bookEnv.put("LIBRARY_AUTH_JWKS_URI", AUTH_URL + "/.well-known/jwks.json");
        ServiceProcess books = new ServiceProcess("book-service", jar("book-service"), BOOK_PORT, BOOK_MANAGEMENT_PORT,
                logs);
        launch(books, java, jvmOptions, bookEnv);

        Duration total = Duration.between(begin, Instant.now());
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nlibrary is up in %.1f s%n", total.toMillis() / 1000.0));
        for (ServiceProcess service : services) {
            out.append(String.format("  %-13s http://localhost:%d   (actuator http://localhost:%d/actuator, ready in %.1f s)%n",
                    service.name(), service.port(), service.managementPort(), service.startUpTime().toMillis() / 1000.0));
        }
        out.append(String.format("  %-13s %s   (%s)%n", "MongoDB", mongoUri, mongoNote));
        out.append(String.format("  %-13s %s   (%s)%n", "Redis", redisUrl, redisNote));
        out.append(String.format("  %-13s %s / %s%s%n", "Admin", admin.username(), admin.password(),
                admin.storedIn() != null ? "   (kept in " + relative(admin.storedIn()) + ")" : ""));
        out.append(String.format("  %-13s %s%n", "Logs", relative(logs)));
        out.append(String.format("%nTry: curl -s -X POST localhost:%d/api/auth/login -H 'Content-Type: application/json' "
                + "-d '{\"username\":\"%s\",\"password\":\"%s\"}'%n", AUTH_PORT, admin.username(), admin.password()));
        System.out.print(out);
        if (options.seed() > 0) {
            int[] result = new BookSeeder(AUTH_URL, "http://localhost:" + BOOK_PORT, System.out)
                    .seed(options.seed(), admin);
            System.out.printf("Seeded: %d created, %d already there.%n", result[0], result[1]);
        }
        System.out.println("Press Ctrl-C to stop everything.");
        System.out.flush();
    }

    private void launch(ServiceProcess service, String java, List<String> jvmOptions, Map<String, String> serviceEnv)
            throws IOException, InterruptedException {
        System.out.println("Starting " + service.name() + " (log: " + relative(service.logFile()) + ") ...");
        Instant started = Instant.now();
        services.add(service);
        service.start(java, jvmOptions, serviceEnv);
        service.awaitReady(started, READY_TIMEOUT);
    }

    /** Keeps running until Ctrl-C; a service that dies on its own takes the stack down, loudly. */
    private void watch() {
        for (ServiceProcess service : services) {
            service.process().onExit().thenAccept(process -> {
                if (!stopping) {
                    System.err.println("\n" + service.name() + " exited unexpectedly (code " + process.exitValue()
                            + "); see " + relative(service.logFile()) + ". Stopping the stack.");
                    System.exit(1);
                }
            });
        }
    }

    private synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("\nStopping library ...");
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        if (redis != null) {
            redis.stop();
        }
        if (mongo != null) {
            mongo.close();
        }
        System.out.println("Stopped.");
    }

    private Path jar(String module) {
        return options.home().resolve(module).resolve("target").resolve(module + ".jar");
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(options.home()) ? options.home().relativize(absolute).toString() : absolute.toString();
    }

    private static void requireFree(int port, String variable, String what) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " for " + what + " is already in use. Stop what uses it, "
                    + "or set " + variable + " to another port (or point the stack at an existing server with "
                    + (what.equals("MongoDB") ? "MONGODB_URI" : "REDIS_URL") + ").");
        }
    }
}
