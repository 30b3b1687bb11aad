package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.library.localstack.Control;
import dev.library.localstack.Stack;
import dev.library.localstack.Supervisor;
import dev.library.stores.embedded.RequiredTools;
import dev.library.stores.embedded.TestStores;
import dev.library.wiring.Setting;

/**
 * load/chaos's smoke run: twenty Locust users (load/locustfile.py's MixedUser: reads, searches,
 * sign-ins, admin writes) through the gateway while book-service's two instances are rolled one at
 * a time, as ./run ctl rollout does, with the pods' preStop wait and graceful shutdown. It fails on
 * any failed request, never on how fast the answers came.
 *
 * <p>Runs only with {@code -Dlibrary.chaos.smoke=true} (or LIBRARY_CHAOS_SMOKE=true) for now: on the
 * shared two-core machine (load average 28) it failed 186 of 591 requests, 61 of them before the
 * rollout began (a saturated machine's 504s and the circuit breaker they open), so the goal it
 * checks is not met yet there; see docs/performance.md, "Faults under load".
 */
class RollingRestartSmokeTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String ADMIN = "smoke-admin";
    private static final String ADMIN_PASSWORD = "smoke admin password";
    private static final long CHAOS_TIMEOUT_MINUTES = 15;

    @Test
    void aRollingRestartOfBookServiceUnderTwentyUsersLosesNoRequest() throws Exception {
        assumeTrue(Boolean.getBoolean("library.chaos.smoke") || "true".equals(System.getenv("LIBRARY_CHAOS_SMOKE")),
                "the chaos smoke runs on request: -Dlibrary.chaos.smoke=true (see the class comment)");
        Path locust = locust();
        Path dataDir = Files.createTempDirectory("library-smoke");
        Map<String, String> environment = Map.ofEntries(
                Map.entry(Setting.ADMIN_USERNAME.variable(), ADMIN),
                Map.entry(Setting.ADMIN_PASSWORD.variable(), ADMIN_PASSWORD),
                // One client address for every Locust user: the per-address limits must not be what is measured.
                Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_REPLENISH_PER_SECOND", "500"),
                Map.entry("LIBRARY_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_BURST", "1000"),
                Map.entry("LIBRARY_AUTH_LOGIN_THROTTLE_MAX_FAILURES_PER_CLIENT", "1000"),
                Map.entry("LIBRARY_AUTH_LOGIN_THROTTLE_MAX_SIGNUPS_PER_CLIENT", "1000"));
        Path out = Files.createDirectories(Path.of("target", "chaos-smoke")).toAbsolutePath();
        try (Stack stack = new Stack(new Stack.Config(HOME, dataDir, TestStores.mongoUri("smoke"), TestStores.redisUrl(),
                Stack.Ports.free(), environment, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), 2))) {
            stack.start(System.out);
            runChaos(stack, dataDir, out, locust);
        }
    }

    private static void runChaos(Stack stack, Path dataDir, Path out, Path locust) throws Exception {
        try (Supervisor supervisor = supervise(stack); Control control = Control.serve(supervisor, dataDir)) {

            ProcessBuilder chaos = new ProcessBuilder("python3", HOME.resolve("load").resolve("chaos").toString(),
                    "--host", stack.gatewayUrl(), "--data-dir", dataDir.toString(), "--users", "20", "--spawn-rate", "10",
                    "--settle", "10", "--faults", "roll-book-service", "--out", out.toString(), "--max-failures", "0",
                    "--locust", locust.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("chaos.log").toFile());
            chaos.environment().putAll(Map.of("LIBRARY_ADMIN_USERNAME", ADMIN, "LIBRARY_ADMIN_PASSWORD", ADMIN_PASSWORD));
            Process run = chaos.start();
            boolean finished = run.waitFor(CHAOS_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                run.destroyForcibly();
            }
            String log = Files.readString(out.resolve("chaos.log"));

            assertThat(finished).as("load/chaos ended within %d min; its log: %s", CHAOS_TIMEOUT_MINUTES, log).isTrue();
            assertThat(log).as("the rollout was done").contains("roll-book-service ...").contains("done in");
            assertThat(run.exitValue()).as("no failed request; load/chaos's log: %s", log).isZero();
            assertThat(Files.readString(out.resolve("summary.md"))).contains("| roll-book-service |");
        }
    }

    private static Supervisor supervise(Stack stack) {
        return new Supervisor(stack, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static Path locust() {
        Optional<Path> locust = RequiredTools.onPath("locust");
        if (RequiredTools.strict()) {
            assertThat(locust).as("locust on the PATH (Debian: python3-locust; .ci/run installs it)").isPresent();
        }
        assumeTrue(locust.isPresent(), "locust is not installed (Debian: apt-get install python3-locust)");
        return locust.get();
    }
}
