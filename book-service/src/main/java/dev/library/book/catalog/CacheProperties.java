package dev.library.book.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code library.cache.*}: the Redis read cache.
 *
 * @param enabled          false serves every read from MongoDB (for comparison, or without Redis)
 * @param bookTtl          how long a single book stays cached
 * @param pageTtl          how long a list page stays cached
 * @param retryInterval    after a Redis error, how long the cache is bypassed before Redis is tried again
 * @param errorLogInterval cache errors are logged at most once per interval (all are counted)
 * @param loadWaitTimeout  longest a request waits for another request's load of the same entry
 * @param pageBudget       bytes of list pages written per page TTL (so at most twice this is held);
 *                         past it pages are served uncached. Books need none: one entry per stored book.
 */
@ConfigurationProperties("library.cache")
public record CacheProperties(boolean enabled, Duration bookTtl, Duration pageTtl, Duration retryInterval,
        Duration errorLogInterval, Duration loadWaitTimeout, DataSize pageBudget) {
}
