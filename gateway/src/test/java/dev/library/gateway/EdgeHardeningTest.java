package dev.library.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.library.testhttp.HttpApi;

/**
 * The security review's attacks on the edge (issue 9, findings 1, 7, 11 and the management
 * endpoint), each tried through the gateway over the wire. Sign-in attacks come from their own
 * loopback address (127.x.y.z), so each has a sign-in bucket of its own, refilled slowly (GatewayTest).
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeHardeningTest extends GatewayTest {

    private static final String SIGN_IN_BURST = "10";
    private static final String SIGN_IN_BODY = HttpApi.json("username", "someone", "password", "a password");

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/%73ignup", "/api/auth/%6cogin", "/api/auth/%72efresh", "/api/auth/sign%75p",
            "/api/auth/refresh", "/api/auth/%6Cogin"})
    void everySpellingOfASignInIsCountedInTheSignInBucket(String path) throws IOException {
        Answer answer = raw(freshClient(), "POST " + path, SIGN_IN_BODY);

        assertThat(answer.header("X-RateLimit-Limit")).isEqualTo(SIGN_IN_BURST);
    }

    @Test
    void encodedSignUpsFromOneClientAreLimited() throws IOException {
        String client = freshClient();
        int signUps = 0;
        Answer answer;
        do {
            answer = raw(client, "POST /api/auth/%73ignup", SIGN_IN_BODY);
            signUps++;
        } while (answer.status() != 429 && signUps < 20);

        assertThat(answer.status()).isEqualTo(429);
        assertThat(signUps).isLessThanOrEqualTo(Integer.parseInt(SIGN_IN_BURST) + 2);
    }

    @Test
    void aBearerTokenDoesNotBuyASpentClientAFreshSignInBucket() throws IOException {
        String client = freshClient();
        int logins = 0;
        while (raw(client, "POST /api/auth/login", SIGN_IN_BODY).status() != 429 && logins < 20) {
            logins++;
        }

        Answer withToken = raw(client, "POST /api/auth/login", SIGN_IN_BODY,
                "Authorization: Bearer " + ISSUER.user());

        assertThat(withToken.status()).isEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fallback/x", "/fallback/book-service", "/fallback/auth-service"})
    void theFallbackCannotBeCalledFromOutsideAndLogsNothing(String path, CapturedOutput output) {
        HttpApi.Response response = gateway.get(path, "Authorization", HttpApi.bearer(ISSUER.user()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(output.getAll()).doesNotContain("from the fallback of");
    }

    @Test
    void headersNamedInConnectionDoNotRemoveTheHeadersTheEdgeWrites() throws IOException {
        String requestId = "hop-by-hop-" + UUID.randomUUID();
        String client = freshClient();

        Answer answer = raw(client, "GET /api/books", null, "Authorization: Bearer " + ISSUER.user(),
                "X-Request-Id: " + requestId, "Connection: close, X-Request-Id, X-Forwarded-For, X-Forwarded-Proto");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(BOOK_SERVICE.lastHeader("X-Request-Id")).isEqualTo(requestId);
        assertThat(BOOK_SERVICE.lastHeader("X-Forwarded-For")).isEqualTo(client);
        assertThat(BOOK_SERVICE.lastHeader("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void theManagementEndpointRefusesRouteWritesEvenWithAnAdminToken() throws Exception {
        String route = HttpApi.json("id", "evil", "uri", BOOK_SERVICE.uri(), "predicates", List.of("Path=/evil/**"));
        String admin = HttpApi.bearer(ISSUER.admin());

        List<Integer> writes = List.of(
                management.post("/actuator/gateway/routes/evil", route, "Authorization", admin).status(),
                management.delete("/actuator/gateway/routes/book-service", "Authorization", admin).status(),
                management.post("/actuator/gateway/refresh", "", "Authorization", admin).status());

        assertThat(writes).allMatch(status -> status >= 400);
        assertThat(gateway.get("/evil/x", "Authorization", admin).status()).isEqualTo(404);
        assertThat(gateway.get("/api/books", "Authorization", admin).status()).isEqualTo(200);
    }

    /** A loopback address no other test uses: its own rate-limit buckets. */
    private static String freshClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
    }

    /**
     * A request written by hand from {@code client}: Java's HTTP client can neither choose its source
     * address nor send a Connection header.
     */
    private Answer raw(String client, String requestLine, String body, String... headers) throws IOException {
        URI base = URI.create(gateway.base());
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(),
                InetAddress.getByName(client), 0)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            boolean connectionGiven = false;
            for (String header : headers) {
                request.append(header).append("\r\n");
                connectionGiven |= header.toLowerCase(Locale.ROOT).startsWith("connection:");
            }
            if (!connectionGiven) {
                request.append("Connection: close\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\n").append("Content-Length: ")
                        .append(content.length).append("\r\n");
            }
            request.append("\r\n");
            // One write: a body arriving after the edge has answered and closed would make the
            // kernel reset the connection, and the answer could be lost before it is read.
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            whole.write(content);
            socket.getOutputStream().write(whole.toByteArray());
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return new Answer(answer.toString(StandardCharsets.UTF_8));
        }
    }

    private record Answer(String text) {

        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
        }
    }
}
