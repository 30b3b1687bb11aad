package dev.library.book.store;

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

    /** A stable text form of the query, used as part of the cache key of its page. */
    public String cacheKey() {
        return "q=" + nullToEmpty(text) + "&author=" + nullToEmpty(author) + "&tag=" + nullToEmpty(tag) + "&sort="
                + sortField.apiName() + "," + direction.name().toLowerCase() + "&page=" + page + "&size=" + size;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
