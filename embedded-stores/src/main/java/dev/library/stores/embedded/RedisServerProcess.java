package dev.library.stores.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server as a child process: the system's {@code redis-server} when there is one,
 * otherwise the Linux/macOS binary shipped inside {@code com.github.codemonstur:embedded-redis}
 * (Redis 6.2.6, which has known CVEs in its Lua scripting: only ever bound to loopback, and a
 * warning says so whenever it is used).
 * It keeps nothing on disk: in this system Redis is a cache and a counter store only.
 * It can be stopped and started again on the same port, so tests can take Redis away mid-test.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /**
     * A memory limit, and no eviction: rate-limit buckets and login counters share this Redis with
     * the read cache, and any evicting policy may pick a counter (they all carry TTLs). The cache
     * keeps itself far below the limit (library.cache.page-budget); see docs/security.md.
     */
    static final String MAX_MEMORY = "256mb";
    static final String MAX_MEMORY_POLICY = "noeviction";

    private final Path executable;
    private final boolean systemBinary;
    private final int port;
    private Process process;

    private RedisServerProcess(Path executable, boolean systemBinary, int port) {
        this.executable = executable;
        this.systemBinary = systemBinary;
        this.port = port;
    }

    /** Starts Redis on loopback at {@code port} (0 = any free port). */
    public static RedisServerProcess start(int port) {
        Optional<Path> system = systemRedisServer();
        if (system.isEmpty() && RequiredTools.strict()) {
            throw new IllegalStateException("redis-server is not installed, and CI=true requires the system's "
                    + "binary (.ci/run installs it with apt)");
        }
        if (system.isEmpty()) {
            log.warn("redis-server is not installed: falling back to the Redis 6.2.6 binary shipped in embedded-redis, "
                    + "which has known security fixes missing (Lua CVEs). It listens on loopback only; install "
                    + "redis-server (apt-get install redis-server) or point REDIS_SERVER at one to use a patched Redis.");
        }
        Path executable = system.orElseGet(RedisServerProcess::shippedBinary);
        RedisServerProcess redis = new RedisServerProcess(executable, system.isPresent(),
                port == 0 ? FreePorts.find() : port);
        redis.start();
        return redis;
    }

    /** {@code redis-server} on the PATH, or where {@code REDIS_SERVER} points. */
    public static Optional<Path> systemRedisServer() {
        String override = System.getenv("REDIS_SERVER");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        return RequiredTools.onPath("redis-server");
    }

    private static Path shippedBinary() {
        try {
            return ExecutableProvider.newJarResourceProvider().get().toPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the redis-server binary shipped in embedded-redis", e);
        }
    }

    /** Starts the process again (after {@link #stop()}) on the same port. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--maxmemory", MAX_MEMORY,
                "--maxmemory-policy", MAX_MEMORY_POLICY,
                "--daemonize", "no",
                "--protected-mode", "yes"));
        try {
            Path logFile = Files.createTempFile("redis-" + port + "-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            awaitPong(logFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable, e);
        }
        log.info("Redis ({}) listening on 127.0.0.1:{}", systemBinary ? executable : "embedded binary", port);
    }

    private void awaitPong(Path logFile) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start-up: "
                        + Files.readString(logFile, StandardCharsets.UTF_8));
            }
            if (ping()) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT);
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after a grace period). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open but nothing is answered, as with a hung
     * Redis or a network partition. Its data is kept, unlike after {@link #stop()}.
     */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT), with the data it had. */
    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether this is the system's binary rather than the one shipped in embedded-redis. */
    public boolean isSystemBinary() {
        return systemBinary;
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
