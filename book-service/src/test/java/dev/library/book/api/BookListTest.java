package dev.library.book.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

class BookListTest extends BookServiceTest {

    @Test
    void aPageReportsItsPositionAndTheTotals() {
        String tag = uniqueTag();
        for (int i = 0; i < 5; i++) {
            createdId(book("Book " + i, tag));
        }

        JsonNode page = get("/api/books?tag=" + tag + "&size=2&page=1").json();

        assertThat(page.get("content")).hasSize(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("totalPages").asLong()).isEqualTo(3);
    }

    @Test
    void theDefaultPageSizeIs20() {
        assertThat(get("/api/books").json().get("size").asInt()).isEqualTo(20);
    }

    @Test
    void booksSortByTitleIgnoringCaseBothWays() {
        String tag = uniqueTag();
        createdId(book("banana", tag));
        createdId(book("Apple", tag));
        createdId(book("cherry", tag));

        assertThat(titles(get("/api/books?tag=" + tag + "&sort=title,asc"))).containsExactly("Apple", "banana", "cherry");
        assertThat(titles(get("/api/books?tag=" + tag + "&sort=title,desc"))).containsExactly("cherry", "banana", "Apple");
    }

    @Test
    void booksSortByPublishedYear() {
        String tag = uniqueTag();
        for (int year : new int[] {2005, 1605, 1990}) {
            Map<String, Object> book = new HashMap<>(book("Year " + year, tag));
            book.put("publishedYear", year);
            createdId(book);
        }

        assertThat(titles(get("/api/books?tag=" + tag + "&sort=publishedYear")))
                .containsExactly("Year 1605", "Year 1990", "Year 2005");
    }

    @Test
    void booksSortByCreationNewestFirstByDefault() {
        String tag = uniqueTag();
        createdId(book("Older", tag));
        createdId(book("Newer", tag));

        assertThat(titles(get("/api/books?tag=" + tag))).containsExactly("Newer", "Older");
        assertThat(titles(get("/api/books?tag=" + tag + "&sort=createdAt,asc"))).containsExactly("Older", "Newer");
    }

    @Test
    void qMatchesTheTitleOrAnAuthorIgnoringCase() {
        String tag = uniqueTag();
        createdId(book("The Moonstone", tag));
        Map<String, Object> byAuthor = new HashMap<>(book("Unrelated Title", tag));
        byAuthor.put("authors", List.of("Wilkie MOONEY"));
        createdId(byAuthor);
        createdId(book("Something Else", tag));

        assertThat(titles(get("/api/books?tag=" + tag + "&q=moon&sort=title")))
                .containsExactly("The Moonstone", "Unrelated Title");
        assertThat(titles(get("/api/books?tag=" + tag + "&q=THE%20MOON"))).containsExactly("The Moonstone");
    }

    @Test
    void theAuthorFilterMatchesAWholeNameIgnoringCase() {
        String tag = uniqueTag();
        Map<String, Object> book = new HashMap<>(book("By Mary", tag));
        book.put("authors", List.of("Mary Shelley"));
        createdId(book);
        createdId(book("By Ada", tag));

        assertThat(titles(get("/api/books?tag=" + tag + "&author=mary%20shelley"))).containsExactly("By Mary");
        assertThat(titles(get("/api/books?tag=" + tag + "&author=mary"))).isEmpty();
    }

    @Test
    void theTagFilterIgnoresCase() {
        String tag = uniqueTag();
        createdId(book("Tagged", tag));

        assertThat(titles(get("/api/books?tag=" + tag.toUpperCase()))).containsExactly("Tagged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=%EF%BC%95", "page=%EF%BC%91", "size=101", "size=ten", "page=-1", "page=10001", "sort=rating",
            "sort=title,up", "sort=title,asc,extra", "q=", "author=%20", "colour=red", "page=1&page=2"})
    void anOutOfRangeOrUnknownParameterIsRefused(String query) {
        HttpApi.Response response = get("/api/books?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(query.split("=")[0]);
    }

    private static List<String> titles(HttpApi.Response page) {
        return page.json().get("content").findValuesAsString("title");
    }
}
