package dev.library.book.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;

import dev.library.storeconfig.RedisOutageGuard;
import dev.library.stores.embedded.TestStores;

/**
 * The bounds that keep the read cache from harming what shares its Redis or its threads: a write
 * budget for keys callers choose, a bounded wait on another thread's load, and a flush that walks
 * the keyspace in bounded steps. Real Redis, no Spring.
 */
class CacheBoundsTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static RedissonClient redis;
    private final String prefix = "cache-bounds-test:" + UUID.randomUUID() + ":";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CacheAvailability availability = new CacheAvailability(redis, new RedisOutageGuard(
            LoggerFactory.getLogger(CacheAvailability.class), "the test cache is bypassed", Duration.ofSeconds(1),
            Duration.ofMinutes(1), Clock.systemUTC()), meters, prefix);

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
    void pastItsBudgetACacheServesValuesWithoutStoringThem() {
        GenerationalRedisCache pages = pages(new CacheBudget(10_000));
        String body = "\"" + "x".repeat(1_000) + "\"";

        List<VersionedJson> served = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            served.add(pages.get("query-" + i, () -> page(body)));
        }

        assertThat(served).hasSize(100).allMatch(page -> new String(page.json(), StandardCharsets.UTF_8).equals(body));
        long stored = redis.getKeys().getKeysStreamByPattern(prefix + "pages:query-*").count();
        assertThat(stored).isBetween(1L, 10L);
        assertThat(meters.get("library.cache.over.budget").counter().count()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void aWaiterOnALoadThatNeverEndsGivesUp() throws Exception {
        GenerationalRedisCache pages = pages(CacheBudget.NONE);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<VersionedJson> stuck = threads.submit(() -> pages.get("frozen", () -> {
                loading.countDown();
                release.await();
                return page("\"late\"");
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

            Future<VersionedJson> waiter = threads.submit(() -> pages.get("frozen", () -> page("\"never asked\"")));

            assertThat(CompletableFuture.supplyAsync(() -> failureOf(waiter)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(QueryTimeoutException.class);
            assertThat(stuck.isDone()).isFalse();
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void aFlushWalksTheKeyspaceInBoundedStepsAndLeavesOtherKeysAlone() {
        String others = "cache-bounds-test-counter:" + UUID.randomUUID() + ":";
        for (int i = 0; i < 3 * CacheAvailability.SCAN_STEP; i++) {
            redis.getBucket(others + i, StringCodec.INSTANCE).set("1", Duration.ofMinutes(5));
        }
        for (int i = 0; i < 50; i++) {
            redis.getBucket(prefix + "pages:" + i, StringCodec.INSTANCE).set("0|{}", Duration.ofMinutes(5));
        }
        availability.flushLater();

        int steps = 1;
        while (!availability.usable() && steps < 1_000) {
            steps++;
        }

        assertThat(availability.usable()).isTrue();
        assertThat(steps).isGreaterThan(1);
        assertThat(redis.getKeys().getKeysStreamByPattern(prefix + "*").count()).isZero();
        assertThat(redis.getKeys().getKeysStreamByPattern(others + "*").count()).isEqualTo(3L * CacheAvailability.SCAN_STEP);
        redis.getKeys().deleteByPattern(others + "*");
    }

    private GenerationalRedisCache pages(CacheBudget budget) {
        return new GenerationalRedisCache("pages", prefix, TTL, redis, availability, meters, Duration.ofMillis(500),
                budget, Clock.systemUTC());
    }

    private static VersionedJson page(String json) {
        return new VersionedJson(1, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            future.get();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
