package dev.library.book.catalog;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.library.book.cache.VersionedJson;
import dev.library.book.store.BookQuery;

/**
 * The read cache of the catalog, on Spring's cache abstraction. Reads go through it; every
 * successful write tells it exactly what became stale: the book's own entry (replaced, or
 * tombstoned on delete) and every list page (the pages cache is cleared: its generation advances,
 * see {@link dev.library.book.cache.GenerationalRedisCache}). Entries are the JSON
 * bodies as sent ({@link BookJson}).
 */
class BookCache {

    private final Cache books;
    private final Cache pages;

    BookCache(CacheManager caches) {
        this.books = caches.getCache(BookCacheNames.BOOKS);
        this.pages = caches.getCache(BookCacheNames.BOOK_PAGES);
    }

    Optional<VersionedJson> book(String id, Supplier<Optional<VersionedJson>> load) {
        return Optional.ofNullable(books.get(id, () -> load.get().orElse(null)));
    }

    VersionedJson page(BookQuery query, Supplier<VersionedJson> load) {
        return pages.get(query.cacheKey(), load::get);
    }

    /** After a create or an update: the new state replaces the cached one; every page is stale. */
    void written(String id, VersionedJson book) {
        books.put(id, book);
        pages.clear();
    }

    /** After a delete: the book's entry becomes a tombstone; every page is stale. */
    void deleted(String id) {
        books.evict(id);
        pages.clear();
    }
}
