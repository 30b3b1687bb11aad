package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/** The whole system as its users meet it, only through the gateway. */
class UserJourneyTest extends EndToEndTest {

    /** Longest an access line may trail its response on a busy machine. */
    private static final Duration ACCESS_LOG_DELAY = Duration.ofSeconds(10);

    @Test
    void aReaderAndAnAdminGoThroughTheWholeJourney() throws Exception {
        String reader = unique("reader");
        assertThat(signUp(reader, "a reader's password").status()).isEqualTo(201);
        JsonNode session = login(reader, "a reader's password").json();
        String readerToken = session.get("access_token").asString();
        assertThat(gateway.get("/api/books", "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(200);

        String admin = adminToken();
        String isbn = uniqueIsbn();
        HttpApi.Response created = gateway.post("/api/books", HttpApi.json("title", "Journey", "authors",
                List.of("Ann Author"), "isbn", isbn, "publishedYear", 2020, "tags", List.of("e2e")),
                "Authorization", HttpApi.bearer(admin));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        HttpApi.Response updated = gateway.put("/api/books/" + id, HttpApi.json("title", "Journey, revised",
                "authors", List.of("Ann Author"), "isbn", isbn, "publishedYear", 2021), "Authorization",
                HttpApi.bearer(admin), "If-Match", "\"1\"");
        assertThat(updated.status()).isEqualTo(200);

        double hits = metric(Stack.BOOK_SERVICE, "cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}");
        assertThat(gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(readerToken)).json()
                .get("title").asString()).isEqualTo("Journey, revised");
        gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(readerToken));
        assertThat(metric(Stack.BOOK_SERVICE, "cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}"))
                .isGreaterThan(hits);

        assertThat(gateway.delete("/api/books/" + id, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(204);
        assertThat(gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(readerToken)).status())
                .isEqualTo(404);

        String firstRefresh = session.get("refresh_token").asString();
        HttpApi.Response rotated = refresh(firstRefresh);
        assertThat(rotated.status()).isEqualTo(200);
        // Sent again at once, as after a lost answer: a new pair, and the first answer's token is retired.
        assertThat(refresh(firstRefresh).status()).isEqualTo(200);
        assertThat(refresh(rotated.json().get("refresh_token").asString()).status()).isEqualTo(401);

        HttpApi.Response again = login(reader, "a reader's password");
        HttpApi.Response logout = gateway.post("/api/auth/logout", HttpApi.json("refresh_token",
                again.json().get("refresh_token").asString()), "Authorization",
                HttpApi.bearer(again.json().get("access_token").asString()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(refresh(again.json().get("refresh_token").asString()).status()).isEqualTo(401);
    }

    @Test
    void aReaderMayNotWrite() throws Exception {
        HttpApi.Response response = gateway.post("/api/books", "{}", "Authorization", HttpApi.bearer(userToken()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void theRequestIdReachesTheLogsOfEveryService() throws Exception {
        String requestId = "e2e-" + UUID.randomUUID();
        gateway.post("/api/auth/login", HttpApi.json("username", RunningStack.ADMIN, "password",
                RunningStack.ADMIN_PASSWORD), "X-Request-Id", requestId + "-auth");
        HttpApi.Response books = gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(adminToken()),
                "X-Request-Id", requestId);

        assertThat(books.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(books.raw().headers().allValues("X-Request-Id")).hasSize(1);
        // Access lines trail the responses (the gateway's are written by an asynchronous appender).
        await().atMost(ACCESS_LOG_DELAY).untilAsserted(() -> {
            assertThat(stack.log(Stack.GATEWAY)).contains(requestId);
            assertThat(stack.log(Stack.BOOK_SERVICE)).contains(requestId);
            assertThat(stack.log(Stack.AUTH_SERVICE)).contains(requestId + "-auth");
        });
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        HttpApi.Response ping = gateway.get("/api/ping");

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void theJwksIsPublishedThroughTheGateway() {
        HttpApi.Response jwks = gateway.get("/.well-known/jwks.json");

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
    }
}
