package dev.library.book.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.dao.QueryTimeoutException;

/**
 * A Spring {@link Cache} in Redis through Redisson: one key per entry, expiring after a TTL,
 * the value a {@link VersionedJson}: JSON its caller serialized once, stored and returned as
 * bytes, so a hit costs no parsing and no serializing (never Java serialization, never class names).
 * <ul>
 * <li>Redis failing never fails the caller: a failed read is a miss, a failed write is skipped,
 * and a failed eviction is remembered (see {@link CacheAvailability}).</li>
 * <li>Concurrent misses for one key in this JVM share one load ({@link #get(Object, Callable)}).</li>
 * <li>For a versioned cache, a put never replaces a newer version, and an eviction leaves a
 * tombstone: a reader that loaded an old state just before a write cannot put it back afterwards.</li>
 * <li>A waiter on another thread's load waits at most {@code loadWait}, then fails with
 * {@link QueryTimeoutException} (a 503): a frozen store must not pile up threads waiting forever.</li>
 * <li>With a {@link CacheBudget}, writes past the budget are skipped, so callers choosing keys
 * (query strings) cannot grow the cache without bound in a Redis it shares with counters.</li>
 * </ul>
 */
public class RedisJsonCache implements Cache {

    private static final byte SEPARATOR = '|';
    private static final long TOMBSTONE_VERSION = Long.MAX_VALUE;
    /** Long.MAX_VALUE has 19 digits: a longer number is not a version of ours. */
    private static final int MAX_VERSION_DIGITS = 19;
    /** Roughly what Redis spends per key beyond its name and value (dict entry, object headers, expiry). */
    private static final int ENTRY_OVERHEAD_BYTES = 96;
    /** SET unless the stored entry has a higher version (entries are "version|json"). */
    private static final String PUT_IF_NOT_OLDER = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local stored = tonumber(string.match(current, '^(%d+)|'))
              if stored and stored > tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    /**
     * SET within the budget: KEYS[2] counts the bytes written this window (ARGV[4] budget, ARGV[5]
     * window ms), key and value and Redis's own per-key overhead (ARGV[6]) each time.
     */
    private static final String PUT_WITHIN_BUDGET = """
            local size = string.len(KEYS[1]) + string.len(ARGV[2]) + tonumber(ARGV[6])
            local used = redis.call('INCRBY', KEYS[2], size)
            if used == size then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
            if used > tonumber(ARGV[4]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    private final String name;
    private final String keyPrefix;
    private final Duration ttl;
    private final boolean versioned;
    private final RedissonClient redis;
    private final CacheAvailability availability;
    private final Duration loadWait;
    private final CacheBudget budget;
    private final Clock clock;
    private final ConcurrentMap<Object, CompletableFuture<VersionedJson>> loading = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter puts;
    private final Counter evictions;
    private final Counter overBudget;

    /**
     * @param versioned whether values' versions order writes (a put never replaces a newer version)
     * @param loadWait  longest wait for a load another thread is making of the same key
     * @param budget    bytes the cache may write per TTL; {@link CacheBudget#NONE} for an unversioned
     *                  cache whose keys are bounded otherwise (a versioned cache has no budget: its puts
     *                  and tombstones must never be skipped)
     */
    public RedisJsonCache(String name, String keyPrefix, Duration ttl, boolean versioned, RedissonClient redis,
            CacheAvailability availability, MeterRegistry meters, Duration loadWait, CacheBudget budget, Clock clock) {
        if (versioned && budget.limited()) {
            throw new IllegalArgumentException("a versioned cache cannot skip writes: its tombstones must land");
        }
        this.name = name;
        this.keyPrefix = keyPrefix + name + ":";
        this.ttl = ttl;
        this.versioned = versioned;
        this.redis = redis;
        this.availability = availability;
        this.loadWait = loadWait;
        this.budget = budget;
        this.clock = clock;
        // Micrometer's standard cache meter names, so stock cache dashboards work.
        this.hits = Counter.builder("cache.gets").tag("cache", name).tag("result", "hit").register(meters);
        this.misses = Counter.builder("cache.gets").tag("cache", name).tag("result", "miss").register(meters);
        this.puts = Counter.builder("cache.puts").tag("cache", name).register(meters);
        this.evictions = Counter.builder("cache.evictions").tag("cache", name).register(meters);
        this.overBudget = Counter.builder("library.cache.over.budget")
                .description("Values served but not cached: the cache's write budget was spent")
                .tag("cache", name).register(meters);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getNativeCache() {
        return redis;
    }

    @Override
    public ValueWrapper get(Object key) {
        VersionedJson value = read(key);
        return value == null ? null : new SimpleValueWrapper(value);
    }

    @Override
    public <V> V get(Object key, Class<V> requested) {
        return requested.cast(read(key));
    }

    /** A hit, or one load per key at a time in this JVM; the loaded value is cached. */
    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Object key, Callable<V> valueLoader) {
        VersionedJson cached = read(key);
        if (cached != null) {
            return (V) cached;
        }
        CompletableFuture<VersionedJson> mine = new CompletableFuture<>();
        CompletableFuture<VersionedJson> inFlight = loading.putIfAbsent(key, mine);
        if (inFlight != null) {
            return (V) join(inFlight, loadWait);
        }
        try {
            // Another loader may have finished between our miss and our registration: look again.
            VersionedJson justLoaded = read(key, false);
            if (justLoaded != null) {
                mine.complete(justLoaded);
                return (V) justLoaded;
            }
            VersionedJson loaded = (VersionedJson) valueLoader.call();
            if (loaded != null) {
                put(key, loaded);
            }
            mine.complete(loaded);
            return (V) loaded;
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw new ValueRetrievalException(key, valueLoader, e);
        } finally {
            loading.remove(key, mine);
        }
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null || !availability.usable()) {
            return;
        }
        VersionedJson typed = (VersionedJson) value;
        try {
            if (store(key, typed.version(), new String(typed.json(), StandardCharsets.UTF_8))) {
                puts.increment();
            }
        } catch (RuntimeException e) {
            availability.failed(name, "put", e);
            availability.deleteLater(redisKey(key));
        }
    }

    /** Removes the entry; in a versioned cache, leaves a tombstone no older state can overwrite. */
    @Override
    public void evict(Object key) {
        if (!availability.usable()) {
            availability.deleteLater(redisKey(key));
            return;
        }
        try {
            if (!versioned) {
                redis.getBucket(redisKey(key), StringCodec.INSTANCE).delete();
            } else {
                store(key, TOMBSTONE_VERSION, "");
            }
            evictions.increment();
        } catch (RuntimeException e) {
            availability.failed(name, "evict", e);
            availability.deleteLater(redisKey(key));
        }
    }

    @Override
    public void clear() {
        if (!availability.usable()) {
            availability.flushLater();
            return;
        }
        availability.flushLater(); // emptied step by step, never by one unbounded scan
    }

    private VersionedJson read(Object key) {
        return read(key, true);
    }

    /** The cached value, or null; {@code counted} reads are reported as hits or misses. */
    private VersionedJson read(Object key, boolean counted) {
        if (!availability.usable()) {
            count(misses, counted);
            return null;
        }
        byte[] stored;
        try {
            RBucket<byte[]> bucket = redis.getBucket(redisKey(key), ByteArrayCodec.INSTANCE);
            stored = bucket.get();
        } catch (RuntimeException e) {
            availability.failed(name, "get", e);
            count(misses, counted);
            return null;
        }
        VersionedJson entry = stored == null ? null : parse(stored);
        count(entry == null ? misses : hits, counted); // a miss: absent, a tombstone, or not an entry of ours
        return entry;
    }

    /** "version|json" as stored, read without decoding the JSON; null for a tombstone or anything else. */
    private static VersionedJson parse(byte[] stored) {
        long version = 0;
        int separator = 0;
        while (separator < stored.length && stored[separator] >= '0' && stored[separator] <= '9'
                && separator < MAX_VERSION_DIGITS) {
            version = version * 10 + (stored[separator] - '0');
            separator++;
        }
        if (separator == 0 || separator >= stored.length - 1 || stored[separator] != SEPARATOR
                || version < 0 || version == TOMBSTONE_VERSION) {
            return null;
        }
        return new VersionedJson(version, Arrays.copyOfRange(stored, separator + 1, stored.length));
    }

    private static void count(Counter counter, boolean counted) {
        if (counted) {
            counter.increment();
        }
    }

    /** Writes the entry; false when the budget was spent and nothing was written. */
    private boolean store(Object key, long version, String valueJson) {
        String entry = version + "|" + valueJson;
        if (!versioned && budget.limited()) {
            Long stored = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUT_WITHIN_BUDGET,
                    RScript.ReturnType.LONG, List.of(redisKey(key), budget.counterKey(keyPrefix, clock, ttl)),
                    String.valueOf(version), entry, String.valueOf(ttl.toMillis()),
                    String.valueOf(budget.bytesPerWindow()), String.valueOf(ttl.toMillis()),
                    String.valueOf(ENTRY_OVERHEAD_BYTES));
            if (stored == null || stored == 0) {
                overBudget.increment();
                return false;
            }
        } else if (!versioned) {
            redis.getBucket(redisKey(key), StringCodec.INSTANCE).set(entry, ttl);
        } else {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUT_IF_NOT_OLDER,
                    RScript.ReturnType.LONG, List.of(redisKey(key)), String.valueOf(version), entry,
                    String.valueOf(ttl.toMillis()));
        }
        return true;
    }

    String redisKey(Object key) {
        return keyPrefix + key;
    }

    private static VersionedJson join(CompletableFuture<VersionedJson> future, Duration wait) {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("a concurrent load of the same entry took longer than " + wait, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
