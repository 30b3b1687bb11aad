package dev.library.book.catalog;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.library.book.cache.ListGeneration;
import dev.library.book.cache.VersionedJson;
import dev.library.book.store.BookQuery;

/**
 * The read cache of the catalog, on Spring's cache abstraction. Reads go through it; every
 * successful write tells it exactly what became stale: the book's own entry (replaced, or
 * tombstoned on delete) and every list page (by advancing the list generation). Entries are the
 * JSON bodies as sent ({@link BookJson}).
 */
class BookCache {

    private final Cache books;
    private final Cache pages;
    private final ListGeneration generation;

    BookCache(CacheManager caches, ListGeneration generation) {
        this.books = caches.getCache(BookCacheNames.BOOKS);
        this.pages = caches.getCache(BookCacheNames.BOOK_PAGES);
        this.generation = generation;
    }

    Optional<VersionedJson> book(String id, Supplier<Optional<VersionedJson>> load) {
        return Optional.ofNullable(books.get(id, () -> load.get().orElse(null)));
    }

    VersionedJson page(BookQuery query, Supplier<VersionedJson> load) {
        OptionalLong current = generation.current();
        if (current.isEmpty()) {
            return load.get(); // no generation, no safe key: serve uncached
        }
        return pages.get(current.getAsLong() + ":" + query.cacheKey(), load::get);
    }

    /** After a create or an update: the new state replaces the cached one; every page is stale. */
    void written(String id, VersionedJson book) {
        books.put(id, book);
        generation.advance();
    }

    /** After a delete: the book's entry becomes a tombstone; every page is stale. */
    void deleted(String id) {
        books.evict(id);
        generation.advance();
    }
}
