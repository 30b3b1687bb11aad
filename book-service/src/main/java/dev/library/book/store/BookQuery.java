package dev.library.book.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeSet;

import org.springframework.data.domain.Sort;

/**
 * One page of the book list: filters (each optional), sort and page. {@code text} matches the
 * beginnings of words of the title or an author, case-insensitively; {@code author} is one
 * author's full name (any case); {@code tag} one tag.
 */
public record BookQuery(String text, String author, String tag, SortField sortField, Sort.Direction direction,
        int page, int size) {

    public enum SortField {
        TITLE("title", "titleKey"),
        PUBLISHED_YEAR("publishedYear", "publishedYear"),
        CREATED_AT("createdAt", "createdAt");

        private final String apiName;
        private final String storedField;

        SortField(String apiName, String storedField) {
            this.apiName = apiName;
            this.storedField = storedField;
        }

        public String apiName() {
            return apiName;
        }

        String storedField() {
            return storedField;
        }

        public static SortField fromApiName(String name) {
            for (SortField field : values()) {
                if (field.apiName.equals(name)) {
                    return field;
                }
            }
            return null;
        }
    }

    /**
     * The cache key of this query's page: one key for every spelling that {@link BookStore#find}
     * answers identically. {@code q} is reduced to the distinct, sorted, lower-cased words it is
     * matched by, {@code author} and {@code tag} are lower-cased as they are matched, so changing
     * case, punctuation or word order cannot mint new keys for the same page.
     */
    public String cacheKey() {
        String words = text == null ? "" : String.join(" ", new TreeSet<>(BookContent.words(text)));
        return "q=" + encoded(words) + "&author=" + encoded(lowerCase(author)) + "&tag=" + encoded(lowerCase(tag)) + "&sort="
                + sortField.apiName() + "," + direction.name().toLowerCase(Locale.ROOT) + "&page=" + page
                + "&size=" + size;
    }

    /** Percent-encoded, so no value can contain the separators and pass for another parameter. */
    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String lowerCase(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
