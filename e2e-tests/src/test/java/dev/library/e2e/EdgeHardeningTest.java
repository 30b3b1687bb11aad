package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.localstack.Stack;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * The security review's attacks on the edge (issue 9), each tried through the gateway as an
 * outside client would. The stack's sign-in bucket holds 10 (RunningStack), the default 400.
 */
class EdgeHardeningTest extends EndToEndTest {

    private static final String SIGN_IN_LIMIT = "10";
    /** Refused by auth-service's validation before any password is hashed: bursts of it cost nothing there. */
    private static final String INVALID_SIGN_IN = HttpApi.json("username", "", "password", "", "refresh_token", "");

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/%73ignup", "/api/auth/%6cogin", "/api/auth/%72efresh", "/api/auth/sign%75p",
            "/api/auth/refresh"})
    void everySpellingOfASignInPathIsCountedInTheSignInBucket(String path) {
        HttpApi.Response response = gateway.post(path, INVALID_SIGN_IN);

        assertThat(response.status()).as("routed and handled, not unknown").isNotEqualTo(404);
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo(SIGN_IN_LIMIT);
    }

    @Test
    void aBurstOfEncodedSignUpsIsLimited() throws Exception {
        // A Redis answering late makes the gateway let requests through for a moment (fail-open, by
        // design); on a loaded machine that can cover a whole burst, so up to three bursts are tried.
        boolean limited = false;
        for (int attempt = 0; attempt < 3 && !limited; attempt++) {
            awaitRateLimiting();
            limited = burst(30, () -> gateway.post("/api/auth/%73ignup", INVALID_SIGN_IN)).stream()
                    .anyMatch(response -> response.status() == 429);
        }

        assertThat(limited).as("some of the encoded sign-ups were answered 429").isTrue();
    }

    @Test
    void aBearerTokenDoesNotMoveASignInIntoAPerUserBucket() throws Exception {
        String token = userToken();
        awaitRateLimiting();

        HttpApi.Response login = gateway.post("/api/auth/login", INVALID_SIGN_IN, "Authorization",
                HttpApi.bearer(token));

        assertThat(login.header("X-RateLimit-Limit")).isEqualTo(SIGN_IN_LIMIT);
        assertThat(login.header("X-RateLimit-Remaining")).as("the limiter answered").isNotNull();
        assertThat(redis("KEYS gateway:rate-limit:sign-in:user:*")).startsWith("*0\r\n");
        assertThat(redis("KEYS gateway:rate-limit:sign-in:ip:*")).doesNotStartWith("*0\r\n");
    }

    @Test
    void deletingByTheUpperCaseIdRemovesTheBookForEveryReader() throws Exception {
        String admin = adminToken();
        HttpApi.Response created = gateway.post("/api/books", HttpApi.json("title", "Spelled twice", "authors",
                List.of("Ada Lovelace"), "isbn", uniqueIsbn(), "publishedYear", 1999), "Authorization",
                HttpApi.bearer(admin));
        String id = created.json().get("id").asString();
        assertThat(gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(200);

        HttpApi.Response delete = gateway.delete("/api/books/" + id.toUpperCase(Locale.ROOT), "Authorization",
                HttpApi.bearer(admin));

        assertThat(delete.status()).isEqualTo(204);
        assertThat(gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fallback/x", "/fallback/book-service", "/fallback/auth-service"})
    void theFallbackIsNotReachableFromOutsideAndLogsNothing(String path) throws Exception {
        String requestId = "fallback-probe-" + UUID.randomUUID();

        HttpApi.Response response = gateway.get(path, "Authorization", HttpApi.bearer(adminToken()),
                "X-Request-Id", requestId);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(stack.log(Stack.GATEWAY).lines().filter(line -> line.contains(requestId)))
                .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    }

    @Test
    void headersNamedInConnectionDoNotRemoveTheEdgesOwnHeaders() throws Exception {
        String requestId = "hop-by-hop-" + UUID.randomUUID();

        String answer = rawRequest("GET /api/books?size=1 HTTP/1.1", "Authorization: Bearer " + adminToken(),
                "X-Request-Id: " + requestId, "Connection: close, X-Request-Id, X-Forwarded-For, X-Forwarded-Proto");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(stack.log(Stack.BOOK_SERVICE)).as("book-service saw the edge's request id").contains(requestId);
    }

    @Test
    void theGatewaysManagementEndpointRefusesRouteWrites() {
        HttpApi management = stack.management(Stack.GATEWAY);
        String evil = HttpApi.json("id", "evil", "uri", "http://127.0.0.1:9", "predicates", List.of("Path=/evil/**"));

        HttpApi.Response create = management.post("/actuator/gateway/routes/evil", evil);
        HttpApi.Response delete = management.delete("/actuator/gateway/routes/book-service");
        HttpApi.Response refresh = management.post("/actuator/gateway/refresh", "");

        assertThat(List.of(create.status(), delete.status(), refresh.status())).allMatch(status -> status >= 400);
        String routes = management.get("/actuator/gateway/routes").body();
        assertThat(routes).doesNotContain("evil");
    }

    private static List<HttpApi.Response> burst(int requests, java.util.concurrent.Callable<HttpApi.Response> call)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpApi.Response>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(clients.submit(call));
            }
            List<HttpApi.Response> answers = new ArrayList<>();
            for (Future<HttpApi.Response> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }

    /** After Redis was away (another test), the gateway leaves it alone for a retry interval. */
    private void awaitRateLimiting() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (gateway.get("/api/ping").header("X-RateLimit-Remaining") == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    /** One inline command to the stack's Redis, and the start of its answer. */
    private static String redis(String command) throws IOException {
        URI redis = URI.create(TestStores.redisUrl());
        try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[4096];
            int read = socket.getInputStream().read(reply);
            return new String(reply, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
        }
    }

    /** A request written by hand: Java's HTTP client refuses to send a Connection header. */
    private String rawRequest(String requestLine, String... headers) throws IOException {
        URI base = URI.create(gateway.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
