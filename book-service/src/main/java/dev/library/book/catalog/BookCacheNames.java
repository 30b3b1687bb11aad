package dev.library.book.catalog;

/** The caches of book-service. */
final class BookCacheNames {

    /** Single books by id, versioned. */
    static final String BOOKS = "books";
    /** List pages, keyed by the query, made stale all at once by advancing a generation. */
    static final String BOOK_PAGES = "book-pages";
    /** Prefix of every Redis key this service writes. */
    static final String KEY_PREFIX = "book-service:cache:";

    private BookCacheNames() {
    }
}
