package dev.library.e2e;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import dev.library.testhttp.HttpApi;
import dev.library.testhttp.Metrics;

/** Base of the end-to-end specifications: a client of the public gateway, and nothing else. */
abstract class EndToEndTest {

    protected RunningStack stack;
    protected HttpApi gateway;

    @BeforeEach
    void connect() {
        stack = RunningStack.get();
        gateway = stack.gateway();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid ISBN-13 no other test uses (979 prefix, random body, computed check digit). */
    protected static String uniqueIsbn() {
        String first12 = "979" + String.format("%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
        int sum = 0;
        for (int i = 0; i < first12.length(); i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return first12 + (10 - sum % 10) % 10;
    }

    /**
     * Logs in through the gateway as a well-behaved client: waiting out a 429 (another test spent
     * the sign-in bucket), a 503 (another test left a circuit open) or a 504 (a service just
     * started, still cold, on a loaded machine) as Retry-After says.
     */
    protected HttpApi.Response login(String username, String password) throws InterruptedException {
        return patiently("/api/auth/login", HttpApi.json("username", username, "password", password));
    }

    protected HttpApi.Response signUp(String username, String password) throws InterruptedException {
        return patiently("/api/auth/signup", HttpApi.json("username", username, "password", password));
    }

    /** Refresh counts against the sign-in bucket too, so it waits out a 429 like login. */
    protected HttpApi.Response refresh(String refreshToken) throws InterruptedException {
        return patiently("/api/auth/refresh", HttpApi.json("refresh_token", refreshToken));
    }

    private HttpApi.Response patiently(String path, String body) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpApi.Response response = gateway.post(path, body);
            if (!List.of(429, 503, 504).contains(response.status()) || Instant.now().isAfter(deadline)) {
                return response;
            }
            Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
        }
    }

    protected String adminToken() throws InterruptedException {
        return accessToken(login(RunningStack.ADMIN, RunningStack.ADMIN_PASSWORD));
    }

    private static String accessToken(HttpApi.Response login) {
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return login.json().get("access_token").asString();
    }

    protected String userToken() throws InterruptedException {
        String username = unique("reader");
        signUp(username, "reader password");
        return accessToken(login(username, "reader password"));
    }

    /**
     * The gateway's OpenAPI description, as a patient client reads it: the first one after a start
     * is built from the services' (cold) own descriptions and may be a 503 with Retry-After.
     */
    protected HttpApi.Response publishedDescription() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            HttpApi.Response response = gateway.get("/api/openapi.json");
            if (response.status() != 503 || Instant.now().isAfter(deadline)) {
                return response;
            }
            Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
        }
    }

    /** The sum of a Prometheus series on one service's management port. */
    protected double metric(String service, String seriesPrefix) {
        return new Metrics(stack.management(service)).sum(seriesPrefix);
    }
}
