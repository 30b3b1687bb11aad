package dev.library.book.catalog;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.book.cache.CacheAvailability;
import dev.library.book.cache.CacheBudget;
import dev.library.book.cache.GenerationalRedisCache;
import dev.library.book.cache.VersionedRedisCache;

/** The catalog's read cache: books and list pages, as JSON, in Redis, or, with {@code library.cache.enabled=false}, none. */
@Configuration(proxyBeanMethods = false)
class BookCacheConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "library.cache.enabled", havingValue = "true", matchIfMissing = true)
    static class RedisCaches {

        @Bean
        CacheAvailability cacheAvailability(RedissonClient redis, Clock clock, CacheProperties properties,
                MeterRegistry meters) {
            return new CacheAvailability(redis,
                    CacheAvailability.guard(properties.retryInterval(), properties.errorLogInterval(), clock), meters,
                    BookCacheNames.KEY_PREFIX);
        }

        @Bean
        CacheManager cacheManager(RedissonClient redis, CacheProperties properties, CacheAvailability availability,
                MeterRegistry meters, Clock clock) {
            SimpleCacheManager manager = new SimpleCacheManager();
            manager.setCaches(List.of(
                    new VersionedRedisCache(BookCacheNames.BOOKS, BookCacheNames.KEY_PREFIX, properties.bookTtl(),
                            redis, availability, meters, properties.loadWaitTimeout()),
                    new GenerationalRedisCache(BookCacheNames.BOOK_PAGES, BookCacheNames.KEY_PREFIX, properties.pageTtl(),
                            redis, availability, meters, properties.loadWaitTimeout(),
                            new CacheBudget(properties.pageBudget().toBytes()), clock)));
            return manager;
        }
    }

    /** With the cache off every read goes to MongoDB; the code path is the same (a no-op cache loads every time). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "library.cache.enabled", havingValue = "false")
    static class NoCaches {

        @Bean
        CacheManager cacheManager() {
            return new NoOpCacheManager();
        }
    }

    @Bean
    BookCache bookCache(CacheManager caches) {
        return new BookCache(caches);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
