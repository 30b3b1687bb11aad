package dev.library.book.api;

import java.util.Locale;

import org.bson.types.ObjectId;

import dev.library.book.catalog.BookProblems;

/**
 * Book ids as the API accepts them: 24 hex digits, in either case. Every id is brought to its one
 * canonical spelling (lower case, as ids are created) before it reaches the cache or the store, so
 * {@code /api/books/ABC…} and {@code /api/books/abc…} are the same book, the same cache entry, and
 * the same eviction. Anything else is 404 without touching either.
 */
final class BookIds {

    private BookIds() {
    }

    static String canonical(String id) {
        if (!ObjectId.isValid(id)) {
            throw BookProblems.notFound(id);
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
