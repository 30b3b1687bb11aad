package dev.library.book.cache;

import java.util.OptionalLong;

/**
 * A counter that every write advances. Cached list pages are keyed by the generation they were
 * read at, so one advance makes every cached page unreachable at once, without scanning keys.
 */
public interface ListGeneration {

    /** With the cache off: no generation, so no page is cached, and nothing to advance. */
    ListGeneration NONE = new ListGeneration() {

        @Override
        public OptionalLong current() {
            return OptionalLong.empty();
        }

        @Override
        public void advance() {
        }
    };

    /** The current generation, or empty when there is none to key a page by (the page is then not cached). */
    OptionalLong current();

    /** Makes every page cached under an earlier generation stale. */
    void advance();
}
