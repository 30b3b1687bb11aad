package dev.library.book.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.library.book.BookServiceTest;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/** The cache is optional: Redis going away costs speed, never a request or a correct answer. */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
        disabledReason = "stops and freezes the Redis it started; REDIS_URL points at one it does not control")
class RedisOutageTest extends BookServiceTest {

    private static final String BOOK_HITS = "cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}";

    @Test
    void withRedisStoppedReadsAndWritesSucceedAndCachingResumesWhenItReturns() {
        String tag = uniqueTag();
        String id = createdId(book("Before the outage", tag));
        RedisServerProcess redis = TestStores.redis();
        double errorsBefore = metric("library_cache_errors_total");
        redis.stop();
        try {
            assertThat(get("/api/books/" + id).status()).isEqualTo(200);
            assertThat(get("/api/books?tag=" + tag).status()).isEqualTo(200);
            String written = createdId(book("During the outage", tag));
            assertThat(api.put("/api/books/" + id, json(book("Edited during the outage", tag)), "Authorization",
                    HttpApi.bearer(ISSUER.admin())).status()).isEqualTo(200);
            assertThat(get("/api/books/" + written).status()).isEqualTo(200);
            assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("Edited during the outage");
            assertThat(metric("library_cache_errors_total")).isGreaterThan(errorsBefore);
        } finally {
            redis.start();
        }

        assertThat(eventually(() -> {
            double hits = metric(BOOK_HITS);
            get("/api/books/" + id);
            get("/api/books/" + id);
            return metric(BOOK_HITS) > hits;
        })).isTrue();
        assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("Edited during the outage");
    }

    @Test
    void aWriteWhileRedisIsFrozenLeavesNoStaleEntryWhenItThaws() {
        String tag = uniqueTag();
        String id = createdId(book("Cached before", tag));
        get("/api/books/" + id); // cached: "Cached before"
        get("/api/books?tag=" + tag); // page cached too
        RedisServerProcess redis = TestStores.redis();
        redis.freeze();
        try {
            HttpApi.Response update = api.put("/api/books/" + id, json(book("Written while frozen", tag)),
                    "Authorization", HttpApi.bearer(ISSUER.admin()));
            assertThat(update.status()).isEqualTo(200);
        } finally {
            redis.thaw(); // Redis comes back with the old entries still in it
        }

        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("Written while frozen");
            assertThat(get("/api/books?tag=" + tag).json().get("content").findValuesAsString("title"))
                    .containsExactly("Written while frozen");
            sleep(Duration.ofMillis(700)); // across the retry interval, when the cache is used again
        }
    }

    @Test
    void readinessDoesNotDependOnRedis() {
        RedisServerProcess redis = TestStores.redis();
        redis.stop();
        try {
            assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        } finally {
            redis.start();
        }
    }

    private static boolean eventually(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return true;
            }
            sleep(Duration.ofMillis(250));
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
