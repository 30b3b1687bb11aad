package dev.library.book.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.book.store.FreezableTcpProxy;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/**
 * When auth-service cannot confirm an admin token in time (it hangs: connections accepted, no
 * answer), writes fail closed: a 503 problem with Retry-After after the configured time-out, never
 * a write and never a 500. Reads do not depend on it. The issuer is reached through a proxy the
 * tests freeze.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "library.admin-check.timeout=500ms", "library.admin-check.retry-after=2s"})
@DirtiesContext
class AdminCheckOutageTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static FreezableTcpProxy issuer;

    @Autowired
    private Environment environment;

    private HttpApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        URI introspection = URI.create(ISSUER.introspectionUri());
        issuer = new FreezableTcpProxy(introspection.getHost(), introspection.getPort());
        registry.add("spring.mongodb.uri", () -> TestStores.mongoUri("books_admin_check"));
        registry.add("spring.mongodb.database", () -> "books_admin_check");
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.admin-check.introspection-uri",
                () -> "http://127.0.0.1:" + issuer.port() + TestIssuer.INTROSPECTION_PATH);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void freezeTheIssuer() {
        api = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        issuer.freeze();
    }

    @AfterEach
    void thawTheIssuer() {
        issuer.thaw();
    }

    @AfterAll
    static void closeProxy() {
        issuer.close();
    }

    @Test
    void aWriteIs503ProblemWithRetryAfterWhileTheIssuerDoesNotAnswer() {
        HttpApi.Response response = create(ISSUER.admin());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void anUnansweredCheckIsNotRememberedSoTheSameTokenWritesOnceTheIssuerAnswers() {
        String token = ISSUER.admin();
        assertThat(create(token).status()).isEqualTo(503);

        issuer.thaw();

        assertThat(create(token).status()).isEqualTo(201);
    }

    @Test
    void readsAnswerWhileTheIssuerDoesNotAnswer() {
        HttpApi.Response response = api.get("/api/books", "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(200);
    }

    private HttpApi.Response create(String token) {
        return api.post("/api/books", AdminCheckUnreachableTest.newBook(), "Authorization", HttpApi.bearer(token));
    }
}
