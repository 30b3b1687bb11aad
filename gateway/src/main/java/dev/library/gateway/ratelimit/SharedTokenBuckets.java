package dev.library.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleFunction;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import reactor.core.publisher.Mono;

import dev.library.gateway.GatewayProperties;
import dev.library.storeconfig.RedisOutageGuard;

/**
 * Token buckets kept in Redis (refilled there, by Redis's clock) but spent in memory: each replica
 * leases tokens from a client's shared bucket and spends them locally, so requests never wait for
 * Redis. Once per sync interval one Lua script per replica tops up the buckets it spent from to
 * {@code burst / replicas} (as far as the shared bucket holds tokens) and registers the replica as
 * alive (the count of live replicas sets the share).
 *
 * <p>Tolerance: a token is spent only after Redis granted it, so a client never gets more than one
 * exact bucket allows, except the first request of a client a replica has not seen recently, which
 * passes at once and is charged at the next sync (at most one request per replica). The other way,
 * a client can be refused early: a replica holds at most {@code burst / replicas} of a bucket, so a
 * client whose requests all land on one replica spends that share at once and the rest over the
 * following sync intervals, at the full rate once the burst is spent.
 */
final class SharedTokenBuckets implements AutoCloseable {

    /*
     * KEYS[1]: live replicas (sorted by last sync); KEYS[2..]: buckets. ARGV: rate, capacity, replica
     * id, replica time-to-live (ms), then per bucket: tokens wanted and tokens
     * owed (spent before a grant). Answers the live replica count, then the tokens granted per bucket
     * in thousandths.
     */
    private static final String LEASE = """
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local replica_ttl = tonumber(ARGV[4])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - replica_ttl)
            redis.call('PEXPIRE', KEYS[1], replica_ttl)
            local result = {redis.call('ZCARD', KEYS[1])}
            for i = 2, #KEYS do
              local want = tonumber(ARGV[3 + 2 * (i - 1)])
              local owed = tonumber(ARGV[4 + 2 * (i - 1)])
              local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
              local tokens = tonumber(state[1]) or capacity
              local at = tonumber(state[2]) or now
              tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
              tokens = math.max(-capacity, tokens - owed)
              local granted = math.max(0, math.min(want, tokens))
              tokens = tokens - granted
              redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'at', tostring(now))
              redis.call('PEXPIRE', KEYS[i], math.ceil((capacity - tokens) / rate * 1000) + 1000)
              result[i] = math.floor(granted * 1000)
            end
            return result
            """;
    /** Buckets per script call: one call must not hold Redis for long. */
    private static final int BUCKETS_PER_CALL = 500;
    private static final double THOUSANDTHS = 1000.0;
    /** Answer of a bucket that gave its tokens back: take from a new one. */
    private static final TokenBuckets.Decision RETIRED = new TokenBuckets.Decision(false, 0, Duration.ZERO);
    /** Lease request of an idle bucket: nothing to ask, forget it. */
    private static final double[] FORGET = new double[0];

    private final RScript script;
    private final String keyPrefix;
    private final String replicasKey;
    private final String replicaId = UUID.randomUUID().toString();
    private final GatewayProperties.Bucket limit;
    private final Duration syncInterval;
    private final long idleNanos;
    private final RedisOutageGuard outage;
    private final Map<String, LocalBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean syncRequested = new AtomicBoolean();
    private volatile int replicas = 1;
    private ScheduledExecutorService scheduler;

    /**
     * @param keyPrefix    prefix of the buckets' Redis keys; the live replicas are kept under it too
     * @param limit        each client's bucket
     * @param syncInterval how often leases are topped up
     * @param outage       a failed sync makes it bypass Redis for a while; the filter then lets requests through
     */
    SharedTokenBuckets(RedissonClient redis, String keyPrefix, GatewayProperties.Bucket limit, Duration syncInterval,
            RedisOutageGuard outage) {
        this.script = redis.getScript(StringCodec.INSTANCE);
        this.keyPrefix = keyPrefix;
        this.replicasKey = keyPrefix + "replicas";
        this.limit = limit;
        this.syncInterval = syncInterval;
        this.outage = outage;
        // A bucket untouched as long as the shared one takes to refill is forgotten: by then the shared
        // one is full again, so what this replica held adds nothing. Sooner, a client calling now and
        // then would need a new lease each time.
        this.idleNanos = Math.max(2 * syncInterval.toNanos(),
                (long) (limit.burst() / limit.replenishPerSecond() * 1e9));
    }

    /** Starts syncing every sync interval, on a thread of its own (never the event loop). */
    SharedTokenBuckets start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rate-limit-sync");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::syncUnlessBypassing, 0, syncInterval.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /**
     * Takes one token from {@code client}'s bucket, in memory. A client new here gets its first request
     * at once and the next ones after the sync that leases its tokens, started at once;
     * {@link TokenBuckets.Decision#UNLIMITED} when that sync failed.
     */
    Mono<TokenBuckets.Decision> take(String client) {
        long now = System.nanoTime();
        LocalBucket bucket;
        TokenBuckets.Decision decision;
        double share = limit.burst() / (double) replicas;
        do {
            bucket = buckets.computeIfAbsent(client, key -> new LocalBucket(now));
            decision = bucket.take(now, this::retryAfter, share);
        } while (decision == RETIRED);
        if (bucket.needsLease()) {
            syncSoon();
        }
        if (decision != null) {
            return Mono.just(decision);
        }
        LocalBucket waiting = bucket;
        return Mono.fromFuture(waiting.firstLease, false).then(Mono.fromSupplier(() -> {
            TokenBuckets.Decision leased = waiting.take(System.nanoTime(), this::retryAfter, share);
            return leased != null && leased != RETIRED ? leased : TokenBuckets.Decision.UNLIMITED;
        }));
    }

    /** Number of live replicas at the last sync. */
    int replicas() {
        return replicas;
    }

    /** When a refused client may expect a token here: the shared bucket's refill of one, and at least the next top-up. */
    private Duration retryAfter(double tokens) {
        long refill = (long) Math.ceil((1 - tokens) / limit.replenishPerSecond() * 1e9);
        return Duration.ofNanos(Math.max(refill, syncInterval.toNanos()));
    }

    /** A sync now (once, however many ask before it runs), instead of at the end of the interval. */
    private void syncSoon() {
        if (scheduler != null && syncRequested.compareAndSet(false, true)) {
            scheduler.execute(this::syncUnlessBypassing);
        }
    }

    private void syncUnlessBypassing() {
        syncRequested.set(false);
        try {
            if (!outage.bypassing()) {
                sync();
                return;
            }
        } catch (RuntimeException error) {
            outage.failed("lease rate-limit tokens", error);
        }
        // No lease to be had for now: whoever waits for one is let through (fail-open).
        buckets.values().forEach(LocalBucket::releaseWaiters);
    }

    /**
     * One round: tops up the leases of the buckets spent from since the last round, forgets idle
     * ones, and learns the live replica count.
     */
    synchronized void sync() {
        long now = System.nanoTime();
        double share = limit.burst() / (double) replicas;
        List<String> keys = new ArrayList<>();
        List<LocalBucket> synced = new ArrayList<>();
        List<double[]> requests = new ArrayList<>();
        buckets.forEach((client, bucket) -> {
            double[] request = bucket.leaseRequest(now, idleNanos, share);
            if (request == null) {
                return;
            }
            if (request == FORGET) {
                buckets.remove(client, bucket);
                return;
            }
            keys.add(keyPrefix + client);
            synced.add(bucket);
            requests.add(request);
        });
        int from = 0;
        do {
            int to = Math.min(keys.size(), from + BUCKETS_PER_CALL);
            try {
                lease(keys.subList(from, to), synced.subList(from, to), requests.subList(from, to));
            } catch (RuntimeException error) {
                for (int i = from; i < keys.size(); i++) {
                    synced.get(i).leaseFailed(requests.get(i));
                }
                throw error;
            }
            from = to;
        } while (from < keys.size());
    }

    private void lease(List<String> keys, List<LocalBucket> synced, List<double[]> requests) {
        List<Object> callKeys = new ArrayList<>(keys.size() + 1);
        callKeys.add(replicasKey);
        callKeys.addAll(keys);
        Object[] values = new Object[4 + 2 * requests.size()];
        values[0] = String.valueOf(limit.replenishPerSecond());
        values[1] = String.valueOf(limit.burst());
        values[2] = replicaId;
        values[3] = String.valueOf(3 * syncInterval.toMillis() + 1000);
        for (int i = 0; i < requests.size(); i++) {
            values[4 + 2 * i] = String.valueOf(requests.get(i)[0]);
            values[5 + 2 * i] = String.valueOf(requests.get(i)[1]);
        }
        List<Long> result = script.eval(RScript.Mode.READ_WRITE, LEASE, RScript.ReturnType.LIST, callKeys, values);
        replicas = (int) Math.max(1, result.get(0));
        for (int i = 0; i < synced.size(); i++) {
            synced.get(i).granted(result.get(i + 1) / THOUSANDTHS);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** What this replica holds of one client's bucket. */
    private static final class LocalBucket {

        /** Completed by the first sync that leases tokens (or fails to). */
        final CompletableFuture<Void> firstLease = new CompletableFuture<>();
        /** Leased and not spent. Before the first lease: one request on credit. */
        private double tokens = 1;
        /** Spent on credit (before the first lease), charged at the next sync. */
        private double owed = 1;
        private boolean leased;
        private boolean retired;
        private boolean spentSinceSync;
        private long lastUsed;

        LocalBucket(long now) {
            this.lastUsed = now;
        }

        /**
         * The decision, or null while this replica has no lease yet and nothing to give. The request
         * on credit reports what its first lease will most likely hold, {@code share} less this one:
         * a bucket is only forgotten once the shared one has had time to refill (it is not 0, which
         * would tell a client that its next request will be refused when it will not).
         */
        synchronized TokenBuckets.Decision take(long now, DoubleFunction<Duration> retryAfter, double share) {
            if (retired) {
                return RETIRED;
            }
            lastUsed = now;
            if (tokens >= 1) {
                tokens -= 1;
                spentSinceSync = true;
                long remaining = leased ? (long) tokens : Math.max(0, (long) share - 1);
                return new TokenBuckets.Decision(true, remaining, Duration.ZERO);
            }
            spentSinceSync = true; // wants more
            return leased ? new TokenBuckets.Decision(false, 0, retryAfter.apply(tokens)) : null;
        }

        synchronized boolean needsLease() {
            return !leased && tokens < 1;
        }

        /**
         * {wanted, owed} for this round: a top-up to {@code share} when spent from, {@link #FORGET}
         * when idle (the bucket retires), null when there is nothing to ask.
         */
        synchronized double[] leaseRequest(long now, long idleNanos, double share) {
            if (!leased || spentSinceSync) {
                spentSinceSync = false;
                double owing = owed;
                owed = 0;
                return new double[] {Math.max(0, share - tokens), owing};
            }
            if (now - lastUsed > idleNanos) {
                retired = true;
                return FORGET;
            }
            return null;
        }

        synchronized void granted(double tokensGranted) {
            if (tokensGranted > 0) {
                tokens += tokensGranted;
            }
            leased = true;
            firstLease.complete(null);
        }

        /** The round did not reach Redis: what it was to charge is charged at the next one. */
        synchronized void leaseFailed(double[] request) {
            owed += request[1];
            spentSinceSync = true;
        }

        void releaseWaiters() {
            firstLease.complete(null);
        }
    }
}
