package dev.library.book.cache;

import java.util.OptionalLong;

import org.redisson.api.RedissonClient;

/**
 * A counter in Redis that every book write increments. List pages are cached under the
 * generation they were read at, so one increment makes every cached page unreachable at once,
 * without scanning keys; the old pages simply expire.
 */
public class ListGeneration {

    static final String KEY = BookCacheNames.KEY_PREFIX + "book-pages:generation";

    private final RedissonClient redis;
    private final CacheAvailability availability;

    public ListGeneration(RedissonClient redis, CacheAvailability availability) {
        this.redis = redis;
        this.availability = availability;
    }

    /** The current generation, or empty when Redis cannot be used (the page is then not cached). */
    public OptionalLong current() {
        if (!availability.usable()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(redis.getAtomicLong(KEY).get());
        } catch (RuntimeException e) {
            availability.failed(BookCacheNames.BOOK_PAGES, "generation", e);
            return OptionalLong.empty();
        }
    }

    /** Makes every cached page stale; if Redis cannot be told now, it is told before the cache is used again. */
    public void advance() {
        if (!availability.usable()) {
            availability.flushLater();
            return;
        }
        try {
            redis.getAtomicLong(KEY).incrementAndGet();
        } catch (RuntimeException e) {
            availability.failed(BookCacheNames.BOOK_PAGES, "generation", e);
            availability.flushLater();
        }
    }
}
