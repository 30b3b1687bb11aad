package dev.library.book.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

/** ETag, If-None-Match and If-Match: no update ever silently overwrites another. */
class ConditionalRequestTest extends BookServiceTest {

    @Test
    void aReplaceWithTheCurrentVersionSucceeds() {
        String id = createdId(book("Current", uniqueTag()));

        HttpApi.Response response = replace(id, book("Replaced", uniqueTag()), "\"1\"");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aReplaceWithAStaleVersionIs412AndChangesNothing() {
        String id = createdId(book("Original", uniqueTag()));
        replace(id, book("First edit", uniqueTag()), "\"1\"");

        HttpApi.Response stale = replace(id, book("Lost edit", uniqueTag()), "\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).isEqualTo("application/problem+json");
        assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("First edit");
    }

    @Test
    void aDeleteWithAStaleVersionIs412() {
        String id = createdId(book("Keep me", uniqueTag()));
        replace(id, book("Edited", uniqueTag()), null);

        HttpApi.Response response = api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.admin()),
                "If-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(412);
        assertThat(get("/api/books/" + id).status()).isEqualTo(200);
    }

    @Test
    void aMalformedIfMatchIs400() {
        String id = createdId(book("Strict", uniqueTag()));

        assertThat(replace(id, book("Any", uniqueTag()), "version-one").status()).isEqualTo(400);
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionIs304() {
        String id = createdId(book("Unchanged", uniqueTag()));

        HttpApi.Response response = api.get("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.user()),
                "If-None-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void ifNoneMatchWithTheCurrentETagOfAPageIs304() {
        String tag = uniqueTag();
        createdId(book("Listed once", tag));
        String etag = get("/api/books?tag=" + tag).header("ETag");

        HttpApi.Response response = api.get("/api/books?tag=" + tag, "Authorization", HttpApi.bearer(ISSUER.user()),
                "If-None-Match", etag);

        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("ETag")).isEqualTo(etag);
    }

    @Test
    void afterAWriteAPageAnswers200WithANewETagDespiteTheOldOne() {
        String tag = uniqueTag();
        String id = createdId(book("Before", tag));
        String before = get("/api/books?tag=" + tag).header("ETag");
        replace(id, book("After", tag), null);

        HttpApi.Response response = api.get("/api/books?tag=" + tag, "Authorization", HttpApi.bearer(ISSUER.user()),
                "If-None-Match", before);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isNotEqualTo(before).matches("^\"[0-9]+\"$");
        assertThat(response.json().get("content").findValuesAsString("title")).containsExactly("After");
    }

    @Test
    void afterAWriteABookAnswers200WithItsNewVersionDespiteTheOldOne() {
        String id = createdId(book("Old", uniqueTag()));
        get("/api/books/" + id); // cached at version 1
        replace(id, book("New", uniqueTag()), "\"1\"");

        HttpApi.Response response = api.get("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.user()),
                "If-None-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.json().get("title").asString()).isEqualTo("New");
    }

    @Test
    void readsMayBeKeptByTheClientButAreRevalidatedAndNeverShared() {
        String tag = uniqueTag();
        String id = createdId(book("Revalidated", tag));

        assertThat(get("/api/books/" + id).header("Cache-Control")).isEqualTo("no-cache, private");
        assertThat(get("/api/books?tag=" + tag).header("Cache-Control")).isEqualTo("no-cache, private");
    }

    @Test
    void ofTwoConcurrentUpdatesOfOneVersionExactlyOneWins() throws Exception {
        String id = createdId(book("Contended", uniqueTag()));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String title = "Writer " + i;
            results.add(pool.submit(() -> {
                start.await();
                return replace(id, book(title, uniqueTag()), "\"1\"").status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(get("/api/books/" + id).json().get("version").asLong()).isEqualTo(2);
    }

    private HttpApi.Response replace(String id, Map<String, Object> book, String ifMatch) {
        return ifMatch == null
                ? api.put("/api/books/" + id, json(book), "Authorization", HttpApi.bearer(ISSUER.admin()))
                : api.put("/api/books/" + id, json(book), "Authorization", HttpApi.bearer(ISSUER.admin()),
                        "If-Match", ifMatch);
    }
}
