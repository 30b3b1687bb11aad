package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/**
 * The security review's attacks (issue 9) that need the real services behind the gateway: that an
 * encoded sign-in path is really handled (not 404) and counted as a sign-in, that a book deleted by
 * its upper-case id is gone for everyone, and that the request id survives a Connection header
 * naming it all the way into book-service's log. The gateway-only ones are in the gateway module
 * (dev.library.gateway.EdgeHardeningTest). The stack's sign-in bucket holds 10 (RunningStack).
 */
class EdgeHardeningTest extends EndToEndTest {

    private static final String SIGN_IN_LIMIT = "10";
    /** Longest a service's access line may trail its response on a busy machine. */
    private static final Duration ACCESS_LOG_DELAY = Duration.ofSeconds(10);
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

    @Test
    void headersNamedInConnectionDoNotRemoveTheEdgesOwnHeaders() throws Exception {
        String requestId = "hop-by-hop-" + UUID.randomUUID();

        String answer = rawRequest("GET /api/books?size=1 HTTP/1.1", "Authorization: Bearer " + adminToken(),
                "X-Request-Id: " + requestId, "Connection: close, X-Request-Id, X-Forwarded-For, X-Forwarded-Proto");

        assertThat(answer).startsWith("HTTP/1.1 200");
        // The access line is written after the body was flushed to the client: wait for it, briefly.
        await().atMost(ACCESS_LOG_DELAY).untilAsserted(() -> assertThat(stack.log(Stack.BOOK_SERVICE))
                .as("book-service saw the edge's request id").contains(requestId));
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
