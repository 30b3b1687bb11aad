package dev.library.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.library.gateway.GatewayProperties;
import dev.library.storeconfig.RedisOutageGuard;
import dev.library.stores.embedded.TestStores;

/**
 * Two gateway replicas' default limits, as two {@link SharedTokenBuckets} sharing one real Redis: a
 * client spreading its requests over both gets no more than one bucket allows, plus at most one
 * request per replica (its first, before the replica leased tokens), not twice the limit.
 */
class SharedTokenBucketsTest {

    private static final int REPLICAS = 2;
    private static final Duration SYNC_INTERVAL = Duration.ofMillis(100);
    /** Refills so slowly that no test runs long enough to see a refilled token. */
    private static final GatewayProperties.Bucket SLOW = new GatewayProperties.Bucket(0.01, 10);
    private static RedissonClient redis;

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
    void aClientSpreadOverTwoReplicasGetsOneLimitAndAtMostOneRequestMorePerReplica() {
        GatewayProperties.Bucket limit = new GatewayProperties.Bucket(2, 40);
        String prefix = freshPrefix();
        try (SharedTokenBuckets first = replica(prefix, limit); SharedTokenBuckets second = replica(prefix, limit)) {
            knowEachOther(first, second);

            long started = System.nanoTime();
            int allowed = 0;
            for (int round = 0; round < 200; round++) {
                allowed += allowed(first.take("user:spread"), first);
                allowed += allowed(second.take("user:spread"), second);
                if (round % 10 == 9) {
                    first.sync();
                    second.sync();
                }
            }
            double oneBucket = limit.burst() + limit.replenishPerSecond() * (System.nanoTime() - started) / 1e9;

            assertThat((double) allowed).isLessThanOrEqualTo(oneBucket + REPLICAS);
            assertThat(allowed).isGreaterThanOrEqualTo(limit.burst());
        }
    }

    @Test
    void aClientThatSpentItsBucketOnOneReplicaGetsOneRequestOnTheOther() {
        String prefix = freshPrefix();
        try (SharedTokenBuckets first = replica(prefix, SLOW); SharedTokenBuckets second = replica(prefix, SLOW)) {
            knowEachOther(first, second);
            int spentOnFirst = 0;
            for (int i = 0; i < 3 * SLOW.burst(); i++) {
                spentOnFirst += allowed(first.take("ip:192.0.2.1"), first);
                first.sync();
            }

            boolean firstOnSecond = second.take("ip:192.0.2.1").block().allowed();
            Mono<TokenBuckets.Decision> secondOnSecond = second.take("ip:192.0.2.1");
            second.sync();

            assertThat(spentOnFirst).isEqualTo(SLOW.burst());
            assertThat(firstOnSecond).as("the first request, before the replica leased tokens").isTrue();
            assertThat(secondOnSecond.block().allowed()).isFalse();
        }
    }

    @Test
    void aClientNewToAReplicaGetsOneRequestAtOnceAndTheNextAfterTheLease() {
        try (SharedTokenBuckets only = replica(freshPrefix(), SLOW)) {
            only.sync();

            boolean first = only.take("ip:192.0.2.3").block().allowed();
            Mono<TokenBuckets.Decision> second = only.take("ip:192.0.2.3");
            only.sync();
            TokenBuckets.Decision afterLease = second.block();

            assertThat(first).isTrue();
            assertThat(afterLease.allowed()).isTrue();
            assertThat(afterLease.remaining()).isEqualTo(SLOW.burst() - 2);
        }
    }

    @Test
    void aReplicaHoldsItsShareOfTheBurstUntilTheNextSync() {
        String prefix = freshPrefix();
        try (SharedTokenBuckets first = replica(prefix, SLOW); SharedTokenBuckets second = replica(prefix, SLOW)) {
            knowEachOther(first, second);
            first.take("ip:192.0.2.2").block();
            first.sync();

            int allowed = 1;
            while (first.take("ip:192.0.2.2").block().allowed()) {
                allowed++;
            }

            assertThat(allowed).isEqualTo(1 + SLOW.burst() / REPLICAS);
        }
    }

    /** Both have registered, and both have seen the other's registration. */
    private static void knowEachOther(SharedTokenBuckets first, SharedTokenBuckets second) {
        first.sync();
        second.sync();
        first.sync();
        assertThat(first.replicas()).isEqualTo(REPLICAS);
        assertThat(second.replicas()).isEqualTo(REPLICAS);
    }

    /** 1 when allowed; a request waiting for its replica's first lease gets it from a sync. */
    private static int allowed(Mono<TokenBuckets.Decision> decision, SharedTokenBuckets replica) {
        CompletableFuture<TokenBuckets.Decision> answer = decision.toFuture();
        if (!answer.isDone()) {
            replica.sync();
        }
        return answer.join().allowed() ? 1 : 0;
    }

    private static SharedTokenBuckets replica(String prefix, GatewayProperties.Bucket limit) {
        RedisOutageGuard outage = new RedisOutageGuard(LoggerFactory.getLogger(SharedTokenBucketsTest.class),
                "rate limits are off", Duration.ofSeconds(1), Duration.ofMinutes(1), Clock.systemUTC());
        return new SharedTokenBuckets(redis, prefix, limit, SYNC_INTERVAL, outage);
    }

    /** Buckets and replica registry of this test alone. */
    private static String freshPrefix() {
        return "test:rate-limit:" + UUID.randomUUID() + ":";
    }
}
