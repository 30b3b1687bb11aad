package dev.library.book.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.library.book.BookServiceApplication;
import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/** An acknowledged create survives a restart of the service and of the database. */
class PersistenceTest {

    private static final String DATABASE = "books_persistence";
    private static final TestIssuer ISSUER = TestIssuer.get();

    @TempDir
    Path dataDir;

    @Test
    void aCreatedBookSurvivesARestart() {
        Path file = dataDir.resolve("mongo.mv");
        String id;
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
                ConfigurableApplicationContext service = start(uri(mongo))) {
            HttpApi.Response created = api(service).post("/api/books", HttpApi.json("title", "Durable",
                    "authors", List.of("Someone"), "isbn", "9780306406157", "publishedYear", 2000),
                    "Authorization", HttpApi.bearer(ISSUER.admin()));
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asString();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
                ConfigurableApplicationContext service = start(uri(mongo))) {
            HttpApi.Response read = api(service).get("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.user()));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("title").asString()).isEqualTo("Durable");
        }
    }

    private static String uri(EmbeddedMongo mongo) {
        return mongo.connectionString(DATABASE);
    }

    private static ConfigurableApplicationContext start(String mongoUri) {
        Map<String, String> properties = Map.of("server.port", "0", "management.server.port", "0",
                "spring.mongodb.uri", mongoUri, "spring.mongodb.database", DATABASE,
                "library.redis.url", TestStores.redisUrl(), "library.cache.enabled", "false",
                "library.auth.issuer", TestIssuer.ISSUER, "library.auth.jwks-uri", ISSUER.jwksUri(),
                "library.admin-check.introspection-uri", ISSUER.introspectionUri());
        return new SpringApplicationBuilder(BookServiceApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static HttpApi api(ConfigurableApplicationContext service) {
        return new HttpApi("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"));
    }
}
