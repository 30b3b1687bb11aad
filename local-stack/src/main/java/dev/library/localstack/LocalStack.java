package dev.library.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.wiring.JvmOptions;
import dev.library.wiring.Setting;

/**
 * {@code ./run}: the whole library stack on one machine with nothing installed but a JDK.
 * Starts the stores (embedded MongoDB persisting under the data directory, a Redis process), then
 * the services in dependency order (see {@link Stack}), prints where everything listens, keeps the
 * services running (see {@link Supervisor}, {@link Control} for {@code ./run ctl}), and on Ctrl-C
 * stops it all in reverse order, leaving no process behind.
 */
public final class LocalStack {

    private final StackOptions options;
    private final Map<String, String> env;
    private EmbeddedMongo mongo;
    private RedisServerProcess redis;
    private Stack stack;
    private Supervisor supervisor;
    private Control control;
    private LocalMonitoring monitoring;
    private volatile boolean stopping;

    private LocalStack(StackOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("library.home", ".")).toAbsolutePath().normalize();
        int ctl = Arrays.asList(args).indexOf("ctl");
        StackOptions options;
        try {
            options = StackOptions.parse(ctl < 0 ? args : Arrays.copyOf(args, ctl), home, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("./run: " + e.getMessage() + "\n\n" + StackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (ctl >= 0) {
            System.exit(Control.send(options.dataDir(), Arrays.asList(args).subList(ctl + 1, args.length)));
            return;
        }
        if (options.help()) {
            System.out.println(StackOptions.USAGE);
            return;
        }
        LocalStack local = new LocalStack(options, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            local.start();
        } catch (Exception e) {
            System.err.println("\n./run: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void start() throws Exception {
        Instant begin = Instant.now();
        String mongoUri = options.mongoUri();
        String mongoNote = "external (MONGODB_URI)";
        if (mongoUri == null) {
            requireFree(options.mongoPort(), "MONGODB_PORT", "MongoDB", "MONGODB_URI");
            mongo = EmbeddedMongo.persistent(options.dataDir().resolve("mongo").resolve("library.mv"), options.mongoPort());
            mongoUri = "mongodb://127.0.0.1:" + mongo.port();
            mongoNote = "embedded, data in " + relative(options.dataDir().resolve("mongo"));
        }
        String redisUrl = options.redisUrl();
        String redisNote = "external (REDIS_URL)";
        if (redisUrl == null) {
            requireFree(options.redisPort(), "REDIS_PORT", "Redis", "REDIS_URL");
            redis = RedisServerProcess.start(options.redisPort());
            redisUrl = redis.url();
            redisNote = redis.isSystemBinary() ? "system redis-server, nothing kept on disk"
                    : "redis-server from embedded-redis, nothing kept on disk";
        }
        AdminCredentials admin = AdminCredentials.resolve(env, options.dataDir());
        Stack.Ports ports = Stack.Ports.defaults().shifted(options.portOffset());
        stack = new Stack(new Stack.Config(options.home(), options.dataDir(), mongoUri, redisUrl, ports,
                Map.of(Setting.ADMIN_USERNAME.variable(), admin.username(), Setting.ADMIN_PASSWORD.variable(), admin.password(),
                        Setting.SERVER_ADDRESS.variable(), options.bindAddress(),
                        Setting.MANAGEMENT_SERVER_ADDRESS.variable(), options.bindAddress()),
                jvmOptions(), options.bookServiceInstances(), options.authServiceInstances(), options.gatewayInstances()));
        stack.start(System.out); // Ctrl-C during start-up stops what has started (see stop())

        StringBuilder out = new StringBuilder();
        out.append(String.format("%nlibrary is up in %.1f s: %s%n", seconds(Duration.between(begin, Instant.now())),
                stack.gatewayUrl()));
        for (ServiceProcess service : stack.services()) {
            out.append(String.format("  %-13s %s   (actuator http://127.0.0.1:%d/actuator, ready in %.1f s)%n",
                    service.name(), service.url(), service.managementPort(), seconds(service.startUpTime())));
        }
        out.append(String.format("  %-13s %s   (%s)%n", "MongoDB", mongoUri, mongoNote));
        out.append(String.format("  %-13s %s   (%s)%n", "Redis", redisUrl, redisNote));
        out.append(String.format("  %-13s %s%n", "Admin", admin.describe(this::relative)));
        out.append(String.format("  %-13s %s%n", "Logs", relative(options.dataDir().resolve("logs"))));
        out.append(String.format("%nLog in: %s%n", admin.loginCommand(stack.gatewayUrl(), this::relative)));
        System.out.print(out);
        // From here a service that exits on its own is restarted, not fatal; ./run ctl reaches the stack.
        supervisor = new Supervisor(stack, System.out);
        if (redis != null) {
            supervisor.redis(redis);
        }
        control = Control.serve(supervisor, options.dataDir());
        System.out.println("Control: ./run " + (options.dataDir().equals(options.home().resolve(".data")) ? ""
                : "--data-dir " + relative(options.dataDir()) + " ") + "ctl status|stop|start|restart NAME|rollout SERVICE");
        if (options.monitoring()) {
            System.out.println("\nMonitoring (--monitoring):");
            monitoring = LocalMonitoring.start(options.home(), options.dataDir(), System.out);
        }
        if (options.seed() > 0) {
            System.out.println(seed(options.seed(), admin));
        }
        System.out.println("Press Ctrl-C to stop everything.");
        System.out.flush();
    }

    /**
     * Seeds through the gateway and says how it went. A seed that could not finish (a busy machine,
     * a service restarting) is reported, never fatal: the stack it ran against is healthy.
     */
    private String seed(int count, AdminCredentials admin) {
        try {
            BookSeeder.Result result = new BookSeeder(stack.gatewayUrl(), SeedingProgress.onStandardOutput())
                    .seed(count, admin);
            return seedingSummary(result, count);
        } catch (IOException | RuntimeException e) {
            return "Seeding stopped: " + e.getMessage() + ". The stack keeps running; seed again later with ./run --seed "
                    + count + " (books already there are skipped).";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Seeding interrupted.";
        }
    }

    static String seedingSummary(BookSeeder.Result result, int count) {
        if (result.complete()) {
            return String.format("Seeded: %d created, %d already there.", result.created(), result.alreadyThere());
        }
        return String.format("Seeded partially: %d created, %d already there, %d of %d failed (first: %s). "
                + "The stack keeps running; seed again later with ./run --seed %d (books already there are skipped).",
                result.created(), result.alreadyThere(), result.failed(), count, result.firstFailure(), count);
    }

    /**
     * LIBRARY_JAVA_OPTS if set, else {@link JvmOptions#onHost}: with a class-data sharing archive per
     * service under the data directory, made at the first stop, used from the next start.
     */
    private List<String> jvmOptions() throws java.io.IOException {
        String custom = env.get("LIBRARY_JAVA_OPTS");
        if (custom != null && !custom.isBlank()) {
            return Arrays.asList(custom.trim().split("\\s+"));
        }
        Path archives = Files.createDirectories(options.dataDir().resolve("cds"));
        return JvmOptions.onHost(archives.resolve(Stack.SERVICE_NAME + ".jsa"), Runtime.version());
    }

    private synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("\nStopping library ...");
        if (control != null) {
            control.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (monitoring != null) {
            monitoring.stop();
        }
        if (stack != null) {
            stack.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (mongo != null) {
            mongo.close();
        }
        System.out.println("Stopped.");
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(options.home()) ? options.home().relativize(absolute).toString() : absolute.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void requireFree(int port, String portVariable, String what, String urlVariable) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " for " + what + " is already in use. Stop what uses it, "
                    + "set " + portVariable + " to another port, or point the stack at an existing server with "
                    + urlVariable + ".");
        }
    }
}
