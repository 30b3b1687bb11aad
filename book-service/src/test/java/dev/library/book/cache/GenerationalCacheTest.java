package dev.library.book.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.LoggerFactory;

import dev.library.storeconfig.RedisOutageGuard;
import dev.library.stores.embedded.TestStores;

/**
 * A generational cache (the list pages): a clear, which every write makes after MongoDB acknowledged
 * it, makes every entry stale at once, and nothing loaded before it is served after it. Real Redis, no Spring.
 */
class GenerationalCacheTest {

    private static RedissonClient redis;
    private final String prefix = "generational-cache-test:" + UUID.randomUUID() + ":";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CacheAvailability availability = new CacheAvailability(redis,
            new RedisOutageGuard(LoggerFactory.getLogger(CacheAvailability.class), "the test cache is bypassed",
                    Duration.ofSeconds(1), Duration.ofMinutes(1), Clock.systemUTC()),
            meters, prefix);
    private final GenerationalRedisCache pages = new GenerationalRedisCache("pages", prefix, Duration.ofMinutes(1),
            redis, availability, meters, Duration.ofSeconds(5), new CacheBudget(1_000_000),
            Clock.systemUTC());

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestStores.redisUrl());
        redis = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    @Test
    void aSecondReadIsServedFromTheCache() {
        AtomicInteger loads = new AtomicInteger();

        VersionedJson first = pages.get("q=a", () -> page("\"a\"", loads));
        VersionedJson second = pages.get("q=a", () -> page("\"a again\"", loads));

        assertThat(text(second)).isEqualTo(text(first)).isEqualTo("\"a\"");
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(loads).hasValue(1);
    }

    @Test
    void aClearMakesEveryEntryStale() {
        pages.get("q=a", () -> page("\"a before\""));
        pages.get("q=b", () -> page("\"b before\""));

        pages.clear();

        assertThat(text(pages.get("q=a", () -> page("\"a after\"")))).isEqualTo("\"a after\"");
        assertThat(text(pages.get("q=b", () -> page("\"b after\"")))).isEqualTo("\"b after\"");
    }

    @Test
    void aValueLoadedBeforeAClearIsNotServedAfterIt() {
        // The load reads the old state; a write is acknowledged (and clears) before the load is stored.
        pages.get("q=a", () -> {
            VersionedJson old = page("\"old\"");
            pages.clear();
            return old;
        });

        assertThat(text(pages.get("q=a", () -> page("\"new\"")))).isEqualTo("\"new\"");
    }

    @Test
    void aValueLoadedBeforeAClearThatAnOutageSwallowedIsNotServedAfterRecovery() {
        // The write's clear could not reach Redis (remembered as a flush); the load, begun before the
        // write, stores its old state once Redis is usable again.
        pages.get("q=a", () -> {
            VersionedJson old = page("\"old\"");
            availability.flushLater();
            return old;
        });

        assertThat(text(pages.get("q=a", () -> page("\"new\"")))).isEqualTo("\"new\"");
    }

    @Test
    void aFlushRemovesTheEntriesButAdvancesTheGeneration() {
        pages.clear();
        pages.get("q=a", () -> page("\"a\""));

        availability.flushLater();
        assertThat(availability.usable()).isTrue();

        assertThat(redis.getBucket(prefix + "pages:q=a").isExists()).isFalse();
        assertThat(redis.getAtomicLong(prefix + "pages:generation").get()).isEqualTo(2);
    }

    @Test
    void aReadAfterAClearDoesNotWaitForALoadThatBeganBeforeIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<VersionedJson> early = threads.submit(() -> pages.get("q=a", () -> {
                loading.countDown();
                release.await();
                return page("\"old\"");
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

            pages.clear();
            VersionedJson late = pages.get("q=a", () -> page("\"new\""));

            assertThat(text(late)).isEqualTo("\"new\"");
            assertThat(early.isDone()).isFalse();
            release.countDown();
            assertThat(text(early.get(10, TimeUnit.SECONDS))).isEqualTo("\"old\"");
            assertThat(text(pages.get("q=a", () -> page("\"newest\"")))).isEqualTo("\"new\"");
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void anEntryIsStoredWithTheGenerationItWasLoadedAt() {
        pages.clear();
        pages.clear();

        pages.get("q=a", () -> page("\"a\""));

        String stored = redis.<String>getBucket(prefix + "pages:q=a", org.redisson.client.codec.StringCodec.INSTANCE)
                .get();
        assertThat(stored).isEqualTo("2|7|\"a\"");
    }

    @Test
    void valuesArePutOnlyByLoadsWhichKnowTheirGeneration() {
        assertThatThrownBy(() -> pages.put("q=a", page("\"a\""))).isInstanceOf(UnsupportedOperationException.class);
    }

    private static VersionedJson page(String json) {
        return new VersionedJson(7, json.getBytes(StandardCharsets.UTF_8));
    }

    private static VersionedJson page(String json, AtomicInteger loads) {
        loads.incrementAndGet();
        return page(json);
    }

    private static String text(VersionedJson value) {
        return new String(value.json(), StandardCharsets.UTF_8);
    }
}
