package dev.library.book.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.book.store.Isbn;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/**
 * When nothing listens where auth-service's introspection should be (down, or not deployed), admin
 * writes fail closed with a 503 problem and Retry-After; reads go on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AdminCheckUnreachableTest {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @Autowired
    private Environment environment;

    private HttpApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        int closedPort = closedPort();
        registry.add("spring.mongodb.uri", () -> TestStores.mongoUri("books_admin_check"));
        registry.add("spring.mongodb.database", () -> "books_admin_check");
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.admin-check.introspection-uri",
                () -> "http://127.0.0.1:" + closedPort + TestIssuer.INTROSPECTION_PATH);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void client() {
        api = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
    }

    @Test
    void aWriteIs503ProblemWithRetryAfterWhenTheIssuerIsUnreachable() {
        HttpApi.Response response = api.post("/api/books", newBook(), "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void readsAnswerWhenTheIssuerIsUnreachable() {
        assertThat(api.get("/api/books", "Authorization", HttpApi.bearer(ISSUER.admin())).status()).isEqualTo(200);
    }

    /** A valid book with an ISBN no other test uses. */
    static String newBook() {
        String first12 = "979" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        return HttpApi.json("title", "Written only if confirmed", "authors", List.of("Nobody"),
                "isbn", first12 + Isbn.isbn13CheckDigit(first12), "publishedYear", 1999);
    }

    /** A loopback port nothing listens on: bound once to find a free one, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
