package dev.library.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.library.gateway.GatewayProperties;

/**
 * Token buckets in this replica's memory: the limits' fallback while Redis cannot be asked (down,
 * frozen, full). The same bucket per client as in Redis, but per replica, so with R replicas a client
 * may get up to R times its limit during an outage (and each replica starts with full buckets).
 * At most {@code capacity} clients are tracked: when all are in use, buckets that have refilled
 * (their clients idle) are dropped, at most once per refill time; clients beyond that share one
 * bucket, so memory stays bounded whatever addresses an attacker sprays.
 */
final class LocalTokenBuckets {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerNano;
    private final int burst;
    private final int capacity;
    private final long refillNanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    LocalTokenBuckets(GatewayProperties.Bucket limit, int capacity) {
        this.ratePerNano = limit.replenishPerSecond() / NANOS_PER_SECOND;
        this.burst = limit.burst();
        this.capacity = capacity;
        this.refillNanos = (long) (burst / ratePerNano);
        this.overflow = new Bucket(burst, System.nanoTime());
    }

    TokenBuckets.Decision take(String client) {
        long now = System.nanoTime();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= capacity) {
                sweep(now);
            }
            bucket = buckets.size() < capacity ? buckets.computeIfAbsent(client, key -> new Bucket(burst, now)) : overflow;
        }
        return bucket.take(now);
    }

    /** Clients tracked now. */
    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < refillNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.entrySet().removeIf(entry -> entry.getValue().fullBy(now));
    }

    private final class Bucket {

        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized TokenBuckets.Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new TokenBuckets.Decision(true, (long) tokens, Duration.ZERO);
            }
            return new TokenBuckets.Decision(false, 0, Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerNano)));
        }

        synchronized boolean fullBy(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - at) * ratePerNano);
            at = now;
        }
    }
}
