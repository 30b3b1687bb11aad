package dev.library.book.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

class BookCacheTest extends BookServiceTest {

    @Autowired
    private RedissonClient redis;
    @Autowired
    private JsonMapper jsonMapper;

    @Test
    void theSecondReadOfABookIsACacheHit() {
        String id = createdId(book("Cached", uniqueTag()));
        get("/api/books/" + id);
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}");

        get("/api/books/" + id);

        assertThat(metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}"))
                .isEqualTo(hits + 1);
    }

    @Test
    void theSecondReadOfAPageIsACacheHit() {
        String tag = uniqueTag();
        createdId(book("Listed", tag));
        get("/api/books?tag=" + tag);
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}");

        get("/api/books?tag=" + tag);

        assertThat(metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}"))
                .isEqualTo(hits + 1);
    }

    @Test
    void spellingsOfOneQueryShareOneCachedPage() {
        String tag = uniqueTag();
        createdId(book("Notes on the Analytical Engine", tag));
        get("/api/books?q=analytical+notes&author=ada+lovelace&tag=" + tag);
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}");

        for (String spelling : java.util.List.of("q=Analytical+Notes&author=Ada+Lovelace&tag=" + tag.toUpperCase(),
                "q=NOTES,+analytical!&author=ADA+LOVELACE&tag=" + tag, "q=notes+analytical+notes&author=ada+lovelace&tag="
                        + tag)) {
            assertThat(get("/api/books?" + spelling).json().get("totalElements").asLong()).isEqualTo(1);
        }

        assertThat(metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}"))
                .isEqualTo(hits + 3);
    }

    @Test
    void aBookIsCachedAsPlainJson() {
        String id = createdId(book("Stored as JSON", uniqueTag()));
        get("/api/books/" + id);

        String raw = redis.<String>getBucket("book-service:cache:books:" + id, StringCodec.INSTANCE).get();

        assertThat(raw).startsWith("1|{").contains("\"title\":\"Stored as JSON\"").doesNotContain("@class")
                .doesNotContain("\u00ac\u00ed");
    }

    @Test
    void aCachedBookIsServedByteForByteAsTheWriteThatMadeItWasAnswered() {
        HttpApi.Response created = create(book("Same bytes", uniqueTag()));
        String id = created.json().get("id").asString();
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}");

        HttpApi.Response read = get("/api/books/" + id);

        assertThat(metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}"))
                .isEqualTo(hits + 1);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(read.contentType()).isEqualTo("application/json");
    }

    @Test
    void aCachedPageIsServedExactlyAsItsObjectSerializes() {
        String tag = uniqueTag();
        createdId(book("Serialized once", tag));
        createdId(book("Without a description", tag, null));
        HttpApi.Response loaded = get("/api/books?tag=" + tag + "&sort=title");
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}");

        HttpApi.Response hit = get("/api/books?tag=" + tag + "&sort=title");

        assertThat(metric("cache_gets_total{application=\"book-service\",cache=\"book-pages\",result=\"hit\"}"))
                .isEqualTo(hits + 1);
        assertThat(hit.body()).isEqualTo(loaded.body())
                .isEqualTo(jsonMapper.writeValueAsString(jsonMapper.readValue(hit.body(), BookPageView.class)));
        assertThat(hit.json().get("content").get(1).has("description")).isTrue();
        assertThat(hit.header("ETag")).isEqualTo(loaded.header("ETag"));
    }

    @Test
    void afterAnUpdateTheBookAndItsPagesShowTheNewData() {
        String tag = uniqueTag();
        String id = createdId(book("Old title", tag));
        get("/api/books/" + id);
        get("/api/books?tag=" + tag);

        api.put("/api/books/" + id, json(book("New title", tag)), "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("New title");
        assertThat(get("/api/books?tag=" + tag).json().get("content").findValuesAsString("title"))
                .containsExactly("New title");
    }

    @Test
    void deletingByTheUpperCaseIdEvictsTheCachedBook() {
        String id = createdId(book("Evicted whatever the spelling", uniqueTag()));
        assertThat(get("/api/books/" + id).status()).isEqualTo(200);

        HttpApi.Response delete = api.delete("/api/books/" + id.toUpperCase(java.util.Locale.ROOT), "Authorization",
                HttpApi.bearer(ISSUER.admin()));

        assertThat(delete.status()).isEqualTo(204);
        assertThat(get("/api/books/" + id).status()).isEqualTo(404);
    }

    @Test
    void anUpperCaseReadUsesTheOneCanonicalCacheEntry() {
        String id = createdId(book("One entry per book", uniqueTag()));
        String upper = id.toUpperCase(java.util.Locale.ROOT);

        HttpApi.Response response = get("/api/books/" + upper);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asString()).isEqualTo(id);
        assertThat(redis.getBucket("book-service:cache:books:" + upper, StringCodec.INSTANCE).isExists()).isFalse();
    }

    @Test
    void afterADeleteTheBookIsGoneFromItsPages() {
        String tag = uniqueTag();
        String id = createdId(book("Short-lived", tag));
        createdId(book("Survivor", tag));
        get("/api/books/" + id);
        get("/api/books?tag=" + tag);

        api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(get("/api/books/" + id).status()).isEqualTo(404);
        HttpApi.Response page = get("/api/books?tag=" + tag);
        assertThat(page.json().get("content").findValuesAsString("title")).containsExactly("Survivor");
        assertThat(page.json().get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void afterACreateListPagesIncludeTheNewBook() {
        String tag = uniqueTag();
        createdId(book("First", tag));
        get("/api/books?tag=" + tag);

        createdId(book("Second", tag));

        assertThat(get("/api/books?tag=" + tag).json().get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void concurrentMissesForOneBookQueryMongoDbOnce() throws Exception {
        awaitCaching(); // an earlier test may have left the cache bypassed after taking Redis away
        String id = createdId(book("Popular", uniqueTag()));
        redis.getBucket("book-service:cache:books:" + id, StringCodec.INSTANCE).delete();
        double finds = bookFinds();
        int readers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return get("/api/books/" + id).status();
            }));
        }
        start.countDown();
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(mongoFindsSince(finds)).isEqualTo(1);
    }

    private static java.util.Map<String, Object> book(String title, String tag, String description) {
        java.util.Map<String, Object> book = new java.util.HashMap<>(book(title, tag));
        book.put("description", description);
        return book;
    }

    private double mongoFindsSince(double before) {
        return bookFinds() - before;
    }

    private double bookFinds() {
        return metrics.sumWhere("mongodb_driver_commands_seconds_count", "collection=\"books\"", "command=\"find\"");
    }

    private void awaitCaching() throws InterruptedException {
        String id = createdId(book("Probe", uniqueTag()));
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
        double hits = metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}");
        while (java.time.Instant.now().isBefore(deadline)) {
            get("/api/books/" + id);
            if (metric("cache_gets_total{application=\"book-service\",cache=\"books\",result=\"hit\"}") > hits) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the cache did not come back");
    }

}
