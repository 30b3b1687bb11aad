package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.library.stores.embedded.RequiredTools;
import dev.library.testhttp.HttpApi;

/**
 * The load test's own smoke run: {@code load/locustfile.py}'s mixed workload (log in, browse,
 * search, read, admin writes) through the gateway with Debian's Locust. It fails on any failed
 * request, never on how fast the answers came.
 */
class LocustSmokeTest extends EndToEndTest {

    private static final Path LOCUSTFILE = Path.of("..", "load", "locustfile.py").toAbsolutePath().normalize();
    private static final int USERS = 50;
    private static final int SPAWN_RATE = 10;
    private static final String RUN_TIME = "20s";
    private static final String TEST_USER_POOL = "5";
    private static final int BOOKS = 20;
    private static final long PROCESS_TIMEOUT_SECONDS = 180;

    @Test
    void fiftyMixedUsersForTwentySecondsGetNoFailedRequest() throws Exception {
        Path locust = locust();
        String admin = adminToken();
        stack.awaitHealthy("/api/books", admin); // another spec may just have restarted a service
        seedBooks(admin);
        Path out = Files.createDirectories(Path.of("target", "locust-smoke"));
        Path log = out.resolve("locust.log");
        Files.deleteIfExists(out.resolve("smoke_stats.csv"));

        ProcessBuilder command = new ProcessBuilder(locust.toString(), "-f", LOCUSTFILE.toString(), "--headless",
                "--host", stack.gateway().base(), "-u", String.valueOf(USERS), "-r", String.valueOf(SPAWN_RATE),
                "-t", RUN_TIME, "--csv", out.resolve("smoke").toString(), "--only-summary", "MixedUser")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().putAll(Map.of("LOAD_USERS", TEST_USER_POOL,
                "LIBRARY_ADMIN_USERNAME", RunningStack.ADMIN, "LIBRARY_ADMIN_PASSWORD", RunningStack.ADMIN_PASSWORD));
        Process process = command.start();
        boolean finished = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("Locust ended within %d s", PROCESS_TIMEOUT_SECONDS).isTrue();
        assertThat(out.resolve("smoke_stats.csv")).as("Locust's statistics; its log: %s", Files.readString(log)).exists();
        Map<String, long[]> stats = requestsAndFailures(out.resolve("smoke_stats.csv"));
        assertThat(stats.get("Aggregated")[1]).as("failed requests (see %s)", out.resolve("smoke_failures.csv")).isZero();
        assertThat(process.exitValue()).as("Locust's exit code; its log: %s", Files.readString(log)).isZero();
        assertThat(stats).as("every kind of request was made").containsKeys("/api/auth/login",
                "/api/books?page=[n]&size=20", "/api/books?q=[word]", "/api/books/[id]", "/api/books (create)",
                "/api/books/[id] (update)", "/api/books/[id] (delete)");
    }

    /** Books for the users to page through and open, as the load test's data set. */
    private void seedBooks(String admin) {
        for (int i = 0; i < BOOKS; i++) {
            HttpApi.Response created = gateway.post("/api/books", HttpApi.json("title", "Smoke Test Book " + i,
                    "authors", List.of("Locust"), "isbn", uniqueIsbn(), "publishedYear", 2000 + i),
                    "Authorization", HttpApi.bearer(admin));
            assertThat(created.status()).as("creating a book: %s", created).isEqualTo(201);
        }
    }

    private static Path locust() {
        Optional<Path> locust = RequiredTools.onPath("locust");
        if (RequiredTools.strict()) {
            assertThat(locust).as("locust on the PATH (Debian: python3-locust; .ci/run installs it)").isPresent();
        }
        assumeTrue(locust.isPresent(), "locust is not installed (Debian: apt-get install python3-locust)");
        return locust.get();
    }

    /** Locust's statistics CSV: request name to {requests, failures}. */
    private static Map<String, long[]> requestsAndFailures(Path statsCsv) throws IOException {
        List<String> lines = Files.readAllLines(statsCsv);
        List<String> header = List.of(lines.get(0).split(","));
        int name = header.indexOf("Name");
        int requests = header.indexOf("Request Count");
        int failures = header.indexOf("Failure Count");
        return lines.stream().skip(1).map(line -> line.split(","))
                .collect(Collectors.toMap(row -> row[name],
                        row -> new long[] {Long.parseLong(row[requests]), Long.parseLong(row[failures])}));
    }
}
