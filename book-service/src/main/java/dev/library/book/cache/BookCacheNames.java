package dev.library.book.cache;

/** The caches of book-service. */
public final class BookCacheNames {

    /** Single books by id, versioned. */
    public static final String BOOKS = "books";
    /** List pages, keyed by the list generation and the query. */
    public static final String BOOK_PAGES = "book-pages";
    /** Prefix of every Redis key this service writes. */
    static final String KEY_PREFIX = "book-service:cache:";

    private BookCacheNames() {
    }
}
