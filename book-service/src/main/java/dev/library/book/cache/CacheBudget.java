package dev.library.book.cache;

import java.time.Clock;
import java.time.Duration;

/**
 * How many bytes a cache may write to Redis per window. Every entry written in a window expires
 * within one TTL, so with a window as long as the TTL, the entries alive at any moment were written
 * in the current or the previous window: the cache never holds more than twice the budget, however
 * many different keys its callers ask for. Past the budget a value is served but not cached.
 *
 * @param bytesPerWindow the budget; the window is the cache's TTL
 */
public record CacheBudget(long bytesPerWindow) {

    /** No budget: for caches whose keys are bounded otherwise (one entry per stored book). */
    public static final CacheBudget NONE = new CacheBudget(Long.MAX_VALUE);

    boolean limited() {
        return bytesPerWindow != Long.MAX_VALUE;
    }

    /** The Redis key counting the bytes written in the window {@code clock} is in now. */
    String counterKey(String keyPrefix, Clock clock, Duration window) {
        return keyPrefix + "budget:" + clock.millis() / window.toMillis();
    }
}
