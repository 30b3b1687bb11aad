package dev.library.book;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.book.store.Isbn;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.Metrics;
import dev.library.testhttp.TestIssuer;

/**
 * Base of the book-service integration tests: the real service on a random port, with a real
 * Redis process, a real MongoDB-protocol server (or MONGODB_URI / REDIS_URL), and tokens from a
 * {@link TestIssuer} whose keys it fetches over HTTP. One Spring context is shared; tests isolate
 * their data with unique tags and ISBNs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BookServiceTest {

    protected static final TestIssuer ISSUER = TestIssuer.get();
    /** Short, so a test can watch a revocation take effect once the cached answer expires. */
    protected static final Duration ADMIN_CHECK_CACHE_TTL = Duration.ofSeconds(2);

    @Autowired
    private Environment environment;

    protected HttpApi api;
    protected HttpApi management;
    protected Metrics metrics;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestStores.mongoUri("books_test"));
        registry.add("spring.mongodb.database", () -> "books_test");
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.admin-check.introspection-uri", ISSUER::introspectionUri);
        registry.add("library.admin-check.cache-ttl", () -> ADMIN_CHECK_CACHE_TTL.toMillis() + "ms");
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void clients() {
        api = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        management = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.management.port"));
        metrics = new Metrics(management);
    }

    /** A tag no other test uses, to list exactly the books a test created. */
    protected static String uniqueTag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid ISBN-13 no other test uses. */
    protected static String uniqueIsbn() {
        long random = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L);
        String first12 = "979" + String.format("%09d", random);
        return first12 + Isbn.isbn13CheckDigit(first12);
    }

    protected static Map<String, Object> book(String title, String tag) {
        return Map.of("title", title, "authors", List.of("Ada Lovelace"), "isbn", uniqueIsbn(),
                "publishedYear", 1999, "tags", List.of(tag), "description", "A book made by a test.");
    }

    protected HttpApi.Response create(Map<String, Object> book) {
        return api.post("/api/books", json(book), "Authorization", HttpApi.bearer(ISSUER.admin()));
    }

    protected String createdId(Map<String, Object> book) {
        HttpApi.Response response = create(book);
        if (response.status() != 201) {
            throw new IllegalStateException("create failed: " + response);
        }
        return response.json().get("id").asString();
    }

    protected HttpApi.Response get(String path) {
        return api.get(path, "Authorization", HttpApi.bearer(ISSUER.user()));
    }

    protected static String json(Map<String, Object> map) {
        Object[] keyValues = map.entrySet().stream().flatMap(entry -> java.util.stream.Stream.of(entry.getKey(),
                entry.getValue())).toArray();
        return HttpApi.json(keyValues);
    }

    /** A numeric Prometheus sample, 0 when the series does not exist yet. */
    protected double metric(String seriesPrefix) {
        return metrics.sum(seriesPrefix);
    }
}
