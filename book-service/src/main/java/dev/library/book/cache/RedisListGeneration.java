package dev.library.book.cache;

import java.util.OptionalLong;

import org.redisson.api.RedissonClient;

/**
 * A {@link ListGeneration} in Redis: a counter every write increments; the pages cached under
 * older generations simply expire.
 *
 * @param key       the Redis key of the counter
 * @param cacheName the cache whose pages it versions, for the error counts
 */
public record RedisListGeneration(String key, String cacheName, RedissonClient redis, CacheAvailability availability)
        implements ListGeneration {

    /** The current generation, or empty when Redis cannot be used (the page is then not cached). */
    @Override
    public OptionalLong current() {
        if (!availability.usable()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(redis.getAtomicLong(key).get());
        } catch (RuntimeException e) {
            availability.failed(cacheName, "generation", e);
            return OptionalLong.empty();
        }
    }

    /** Makes every cached page stale; if Redis cannot be told now, it is told before the cache is used again. */
    @Override
    public void advance() {
        if (!availability.usable()) {
            availability.flushLater();
            return;
        }
        try {
            redis.getAtomicLong(key).incrementAndGet();
        } catch (RuntimeException e) {
            availability.failed(cacheName, "generation", e);
            availability.flushLater();
        }
    }
}
