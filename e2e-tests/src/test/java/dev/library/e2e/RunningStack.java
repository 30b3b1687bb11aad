package dev.library.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.wiring.Setting;

/**
 * The whole system for the end-to-end specifications, started once per test JVM on free ports:
 * the three service jars built by this reactor, as separate processes, on a real Redis and a real
 * MongoDB-protocol server. Limits are set for testing: quick circuit-breaker decisions, a small
 * sign-in bucket, a short response timeout, a retry budget that spans a service restart, and a
 * short reuse of admin-token checks.
 */
public final class RunningStack {

    public static final String ADMIN = "e2e-admin";
    public static final String ADMIN_PASSWORD = "e2e admin password";
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(4);
    public static final Duration CIRCUIT_OPEN_WAIT = Duration.ofSeconds(3);
    /** How long book-service reuses auth-service's answer on an admin token (5 s by default). */
    public static final Duration ADMIN_CHECK_CACHE_TTL = Duration.ofSeconds(1);
    private static RunningStack instance;

    private final Stack stack;
    private final Path dataDir;

    private RunningStack(Stack stack, Path dataDir) {
        this.stack = stack;
        this.dataDir = dataDir;
    }

    public static synchronized RunningStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.stack::close, "e2e-stack-stop"));
        }
        return instance;
    }

    private static RunningStack start() {
        try {
            Path home = Path.of("..").toAbsolutePath().normalize();
            Path dataDir = Files.createTempDirectory("library-e2e");
            Map<String, String> environment = Map.ofEntries(
                    Map.entry(Setting.ADMIN_USERNAME.variable(), ADMIN),
                    Map.entry(Setting.ADMIN_PASSWORD.variable(), ADMIN_PASSWORD),
                    Map.entry("LIBRARY_GATEWAY_RESPONSE_TIMEOUT", RESPONSE_TIMEOUT.toMillis() + "ms"),
                    Map.entry("LIBRARY_GATEWAY_RETRY_ATTEMPTS", "30"),
                    Map.entry("LIBRARY_GATEWAY_RETRY_MAX_BACKOFF", "1s"),
                    Map.entry("LIBRARY_GATEWAY_CIRCUIT_BREAKER_MINIMUM_NUMBER_OF_CALLS", "3"),
                    Map.entry("LIBRARY_GATEWAY_CIRCUIT_BREAKER_SLIDING_WINDOW_SIZE", "3"),
                    Map.entry("LIBRARY_GATEWAY_CIRCUIT_BREAKER_WAIT_IN_OPEN_STATE", CIRCUIT_OPEN_WAIT.toSeconds() + "s"),
                    Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_REPLENISH_PER_SECOND", "5"),
                    Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_BURST", "10"),
                    Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_REPLENISH_PER_SECOND", "200"),
                    Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_BURST", "400"),
                    // Every test and Locust user is one client address (loopback): the edge's per-client
                    // bounds on connections and bodies in flight must not get in the way either.
                    Map.entry("LIBRARY_GATEWAY_EDGE_MAX_CONNECTIONS_PER_CLIENT", "4096"),
                    Map.entry("LIBRARY_GATEWAY_EDGE_MAX_IN_FLIGHT_BODIES_PER_CLIENT", "256"),
                    // Many logins from one address: the auth-service's own throttle must not get in the way.
                    Map.entry("LIBRARY_AUTH_LOGIN_THROTTLE_MAX_FAILURES_PER_CLIENT", "1000"),
                    Map.entry("LIBRARY_AUTH_LOGIN_THROTTLE_MAX_SIGNUPS_PER_CLIENT", "1000"),
                    Map.entry("LIBRARY_ADMIN_CHECK_CACHE_TTL", ADMIN_CHECK_CACHE_TTL.toMillis() + "ms"),
                    // A cold auth-service on a loaded machine may take over the 1 s default to answer.
                    Map.entry("LIBRARY_ADMIN_CHECK_TIMEOUT", "3s"));
            Stack stack = new Stack(new Stack.Config(home, dataDir, TestStores.mongoUri("e2e"), TestStores.redisUrl(),
                    Stack.Ports.free(), environment, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1")));
            stack.start(System.out);
            return new RunningStack(stack, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpApi gateway() {
        return new HttpApi(stack.gatewayUrl());
    }

    /** The service processes themselves, e.g. to supervise them as ./run does. */
    public Stack processes() {
        return stack;
    }

    public ServiceProcess service(String name) {
        return stack.service(name);
    }

    public HttpApi management(String service) {
        return new HttpApi("http://127.0.0.1:" + stack.service(service).managementPort());
    }

    public void restart(String service) throws IOException, InterruptedException {
        stack.restart(service);
    }

    public Path signingKeys() {
        return dataDir.resolve("auth-signing-keys");
    }

    public String log(String service) {
        try {
            return Files.readString(stack.service(service).logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a GET through the gateway answers 200, e.g. after a restart or an open circuit. */
    public void awaitHealthy(String path, String token) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (gateway().get(path, "Authorization", HttpApi.bearer(token)).status() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(path + " did not recover within 60 s");
    }
}
