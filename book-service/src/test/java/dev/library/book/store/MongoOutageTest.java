package dev.library.book.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.bson.types.ObjectId;
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

import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/**
 * A MongoDB that stops answering (connections stay open, no reply ever comes) must cost a bounded
 * wait: every request gets a 503 problem instead of hanging. MongoDB is reached through a proxy
 * that the tests freeze; the time-outs are the configured ones (library.mongodb.timeouts.*).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "library.mongodb.timeouts.connect=500ms",
        "library.mongodb.timeouts.server-selection=1s",
        "library.mongodb.timeouts.socket-read=1s",
        "library.mongodb.timeouts.pool-wait=1s",
        "library.cache.load-wait-timeout=2s"})
@DirtiesContext
class MongoOutageTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static FreezableTcpProxy mongo;

    @Autowired
    private Environment environment;

    private HttpApi api;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws Exception {
        URI real = URI.create(TestStores.mongoUri("books_outage").replace("mongodb://", "http://"));
        mongo = new FreezableTcpProxy(real.getHost(), real.getPort());
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongo.port() + "/books_outage");
        registry.add("spring.mongodb.database", () -> "books_outage");
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.admin-check.introspection-uri", ISSUER::introspectionUri);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void freezeMongoDb() {
        api = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        mongo.freeze();
    }

    @AfterEach
    void thawMongoDb() {
        mongo.thaw();
    }

    @AfterAll
    static void closeProxy() {
        mongo.close();
    }

    @Test
    void aListAnswers503ProblemWhenMongoDbIsFrozen() {
        assertUnavailable(api.get("/api/books?tag=t" + UUID.randomUUID().toString().substring(0, 8),
                "Authorization", HttpApi.bearer(ISSUER.user())));
    }

    @Test
    void aBookNotInTheCacheAnswers503ProblemWhenMongoDbIsFrozen() {
        assertUnavailable(api.get("/api/books/" + new ObjectId().toHexString(), "Authorization",
                HttpApi.bearer(ISSUER.user())));
    }

    @Test
    void aWriteAnswers503ProblemWhenMongoDbIsFrozen() {
        String book = HttpApi.json("title", "Never stored", "authors", List.of("Nobody"), "isbn", "9780306406157",
                "publishedYear", 1999);

        assertUnavailable(api.post("/api/books", book, "Authorization", HttpApi.bearer(ISSUER.admin())));
    }

    private static void assertUnavailable(HttpApi.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }
}
