package dev.library.book.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

/** Every field rule, each refused with a 400 problem naming the field. */
class BookValidationTest extends BookServiceTest {

    static List<Object[]> invalidFields() {
        int nextYear = Year.now(ZoneOffset.UTC).getValue() + 1;
        return List.of(
                new Object[] {"title", ""},
                new Object[] {"title", "   "},
                new Object[] {"title", "x".repeat(201)},
                new Object[] {"authors", List.of()},
                new Object[] {"authors", Collections.nCopies(11, "Someone")},
                new Object[] {"authors[0]", List.of("")},
                new Object[] {"authors[1]", List.of("Fine", "y".repeat(101))},
                new Object[] {"isbn", "978-0-306-40615-8"},
                new Object[] {"isbn", "0-306-40615-3"},
                new Object[] {"isbn", "12345"},
                new Object[] {"isbn", "not an isbn"},
                new Object[] {"isbn", "4006381333931"},
                new Object[] {"publishedYear", 1449},
                new Object[] {"publishedYear", nextYear + 1},
                new Object[] {"tags", Collections.nCopies(21, "tag")},
                new Object[] {"tags[0]", List.of("z".repeat(31))},
                new Object[] {"tags[0]", List.of(" ")},
                new Object[] {"description", "d".repeat(4001)});
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsRefused(String field, Object value) {
        Map<String, Object> book = new HashMap<>(book("Valid", uniqueTag()));
        book.put(field.replaceAll("\\[\\d+]$", ""), value);

        HttpApi.Response response = create(book);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
    }

    /**
     * Digits of other scripts (Arabic-Indic, Devanagari, fullwidth) are digits to Java but not in
     * an ISBN. Each is crafted so that a checksum computed as {@code c - '0'} would pass.
     */
    @ParameterizedTest
    @ValueSource(chars = {'\u0660', '\u0966', '\uFF10'})
    void anIsbnWithNonAsciiDigitsIsRefused(char zero) {
        String first12 = zero + "79" + uniqueIsbn().substring(3, 12);
        int naiveSum = 0;
        for (int i = 0; i < 12; i++) {
            naiveSum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        String crafted = first12 + Math.floorMod(10 - naiveSum % 10, 10);
        Map<String, Object> book = new HashMap<>(book("Other digits", uniqueTag()));
        book.put("isbn", crafted);

        HttpApi.Response response = create(book);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("isbn");
    }

    @Test
    void anIsbnWrittenOnlyInNonAsciiDigitsIsRefused() {
        Map<String, Object> book = new HashMap<>(book("Arabic-Indic digits", uniqueTag()));
        book.put("isbn", "\u0669\u0667\u0668\u0660\u0663\u0660\u0666\u0664\u0660\u0666\u0661\u0665\u0667");

        assertThat(create(book).status()).isEqualTo(400);
    }

    @Test
    void theBoundariesAreAccepted() {
        Map<String, Object> book = new HashMap<>(book("t".repeat(200), uniqueTag()));
        book.put("authors", Collections.nCopies(10, "a".repeat(100)));
        book.put("publishedYear", Year.now(ZoneOffset.UTC).getValue() + 1);
        book.put("tags", java.util.stream.IntStream.range(0, 20).mapToObj(i -> "tag-" + i + "-" + "x".repeat(20))
                .toList());
        book.put("description", "d".repeat(4000));

        assertThat(create(book).status()).isEqualTo(201);

        book.put("isbn", uniqueIsbn());
        book.put("publishedYear", 1450);
        assertThat(create(book).status()).isEqualTo(201);
    }

    @Test
    void missingRequiredFieldsAreEachReported() {
        HttpApi.Response response = create(Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .contains("title", "authors", "isbn", "publishedYear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "createdAt", "updatedAt", "rating"})
    void serverOwnedAndUnknownFieldsAreRefused(String field) {
        Map<String, Object> book = new HashMap<>(book("Sneaky", uniqueTag()));
        book.put(field, field.equals("version") ? 99 : "value");

        HttpApi.Response response = create(book);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("Unknown property '" + field + "'.");
    }

    @Test
    void aYearGivenAsTextIsRefused() {
        Map<String, Object> book = new HashMap<>(book("Typed", uniqueTag()));
        book.put("publishedYear", "1999");

        HttpApi.Response response = create(book);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("publishedYear");
    }

    @Test
    void malformedJsonIsRefused() {
        HttpApi.Response response = api.post("/api/books", "{\"title\": ", "Authorization",
                HttpApi.bearer(ISSUER.admin()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aBodyOver16KibIsRefused() {
        Map<String, Object> book = new HashMap<>(book("Huge", uniqueTag()));
        book.put("description", "d".repeat(17 * 1024));

        assertThat(create(book).status()).isEqualTo(413);
    }
}
