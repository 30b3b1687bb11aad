package dev.library.book.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

class BookCrudTest extends BookServiceTest {

    @Test
    void anAdminCreatesABook() {
        Map<String, Object> book = new HashMap<>(book("The Analytical Engine", uniqueTag()));
        book.put("isbn", "0-306-40615-2"); // an ISBN-10 with hyphens
        book.put("tags", List.of("Computing", "history", "computing"));

        HttpApi.Response response = create(book);

        assertThat(response.status()).isEqualTo(201);
        JsonNode created = response.json();
        String id = created.get("id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/books/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.get("title").asString()).isEqualTo("The Analytical Engine");
        assertThat(created.get("isbn").asString()).isEqualTo("9780306406157");
        assertThat(created.get("tags").toString()).isEqualTo("[\"computing\",\"history\"]");
        assertThat(created.get("version").asLong()).isEqualTo(1);
        assertThat(created.get("createdAt").asString()).isNotBlank();
        assertThat(created.get("updatedAt").asString()).isEqualTo(created.get("createdAt").asString());
    }

    @Test
    void aSignedInUserReadsABookWithItsVersionAsETag() {
        String id = createdId(book("Readable", uniqueTag()));

        HttpApi.Response response = get("/api/books/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("title").asString()).isEqualTo("Readable");
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void anUnknownIdIs404() {
        HttpApi.Response response = get("/api/books/0123456789abcdef01234567");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aMalformedIdIs404NotAServerError() {
        assertThat(get("/api/books/not-an-object-id").status()).isEqualTo(404);
        assertThat(get("/api/books/0123456789abcdef0123456z").status()).isEqualTo(404);
    }

    @Test
    void aPathTheFirewallRefusesIsA400Problem() {
        HttpApi.Response response = get("/api/books/%27%3B%20drop");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aFullReplaceChangesEveryFieldAndTheVersion() {
        String tag = uniqueTag();
        String id = createdId(book("Before", tag));
        Map<String, Object> replacement = Map.of("title", "After", "authors", List.of("Grace Hopper", "Alan Turing"),
                "isbn", uniqueIsbn(), "publishedYear", 2001, "tags", List.of(tag));

        HttpApi.Response response = api.put("/api/books/" + id, json(replacement), "Authorization",
                HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        JsonNode replaced = get("/api/books/" + id).json();
        assertThat(replaced.get("title").asString()).isEqualTo("After");
        assertThat(replaced.get("authors").toString()).isEqualTo("[\"Grace Hopper\",\"Alan Turing\"]");
        assertThat(replaced.get("publishedYear").asInt()).isEqualTo(2001);
        assertThat(replaced.get("description").isNull()).isTrue();
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void replacingAnUnknownBookIs404() {
        HttpApi.Response response = api.put("/api/books/0123456789abcdef01234567", json(book("Ghost", uniqueTag())),
                "Authorization", HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void deletingABookMakesIt404AndDeletingAgainIs404() {
        String id = createdId(book("Doomed", uniqueTag()));

        HttpApi.Response delete = delete(id);

        assertThat(delete.status()).isEqualTo(204);
        assertThat(get("/api/books/" + id).status()).isEqualTo(404);
        assertThat(delete(id).status()).isEqualTo(404);
    }

    @Test
    void aDuplicateIsbnIs409() {
        Map<String, Object> first = book("First", uniqueTag());
        create(first);
        Map<String, Object> second = new HashMap<>(book("Second", uniqueTag()));
        second.put("isbn", first.get("isbn"));

        HttpApi.Response response = create(second);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("ISBN");
    }

    @Test
    void replacingWithAnotherBooksIsbnIs409() {
        Map<String, Object> first = book("Owner", uniqueTag());
        create(first);
        String id = createdId(book("Taker", uniqueTag()));
        Map<String, Object> replacement = new HashMap<>(book("Taker", uniqueTag()));
        replacement.put("isbn", first.get("isbn"));

        HttpApi.Response response = api.put("/api/books/" + id, json(replacement), "Authorization",
                HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void pingAnswersWithoutATokenOrADatabase() {
        HttpApi.Response response = api.get("/api/ping");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    private HttpApi.Response delete(String id) {
        return api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(ISSUER.admin()));
    }
}
