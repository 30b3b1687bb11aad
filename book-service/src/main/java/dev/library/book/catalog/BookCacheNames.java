package dev.library.book.catalog;

/** The caches of book-service. */
final class BookCacheNames {

    /** Single books by id, versioned. */
    static final String BOOKS = "books";
    /** List pages, keyed by the list generation and the query. */
    static final String BOOK_PAGES = "book-pages";
    /** Prefix of every Redis key this service writes. */
    static final String KEY_PREFIX = "book-service:cache:";
    /** The counter behind the list pages' keys (see {@link dev.library.book.cache.RedisListGeneration}). */
    static final String PAGE_GENERATION = KEY_PREFIX + BOOK_PAGES + ":generation";

    private BookCacheNames() {
    }
}
