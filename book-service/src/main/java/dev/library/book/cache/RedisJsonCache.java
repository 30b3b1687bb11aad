package dev.library.book.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Entries are made stale in one of two ways ({@link Invalidation}): one by one, each ordered by
 * its version, or all at once, by advancing a generation.
 * <ul>
 * <li>Redis failing never fails the caller: a failed read is a miss, a failed write is skipped,
 * and a failed eviction is remembered (see {@link CacheAvailability}).</li>
 * <li>Concurrent misses for one key in this JVM share one load ({@link #get(Object, Callable)}).</li>
 * <li>For a {@link Invalidation#VERSION versioned} cache, a put never replaces a newer version, and an
 * eviction leaves a tombstone: a reader that loaded an old state just before a write cannot put it
 * back afterwards.</li>
 * <li>For a {@link Invalidation#GENERATION generational} cache, {@link #clear()} advances a counter;
 * each entry carries the generation read before its value was loaded and is a hit only while that is
 * still the current one (nor does a slow load replace an entry of a newer generation). A hit is one
 * round trip: the counter and the entry in one {@code MGET}.</li>
 * <li>A waiter on another thread's load waits at most {@code loadWait}, then fails with
 * {@link QueryTimeoutException} (a 503): a frozen store must not pile up threads waiting forever.</li>
 * <li>With a {@link CacheBudget}, writes past the budget are skipped, so callers choosing keys
 * (query strings) cannot grow the cache without bound in a Redis it shares with counters.</li>
 * </ul>
 */
public class RedisJsonCache implements Cache {

    /** How the entries of a cache are made stale. */
    public enum Invalidation {
        /**
         * One by one: entries are "version|json", a put never replaces a higher version, an eviction
         * leaves a tombstone. No {@link CacheBudget}: a put or a tombstone must never be skipped.
         */
        VERSION,
        /**
         * All at once: entries are "generation|version|json", {@link #clear()} advances the generation,
         * and an entry of an older generation is a miss. A value is stored under the generation read
         * before it was loaded, so a value loaded before a clear is never served after it.
         */
        GENERATION
    }

    private static final byte SEPARATOR = '|';
    /** No generation could be read (Redis not usable): the value is loaded, shared with no one, and not stored. */
    private static final long NO_GENERATION = -1;
    private static final long TOMBSTONE_VERSION = Long.MAX_VALUE;
    /** Long.MAX_VALUE has 19 digits: a longer number is not a version of ours. */
    private static final int MAX_VERSION_DIGITS = 19;
    /** Roughly what Redis spends per key beyond its name and value (dict entry, object headers, expiry). */
    private static final int ENTRY_OVERHEAD_BYTES = 96;
    /**
     * SET unless the stored entry leads with a higher number: a newer version (entries "version|json")
     * or generation (entries "generation|version|json"). Returns 1 when written, -1 when a newer entry was kept.
     */
    private static final String PUT_IF_NOT_OLDER = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local stored = tonumber(string.match(current, '^(%d+)|'))
              if stored and stored > tonumber(ARGV[1]) then return -1 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    /**
     * As {@link #PUT_IF_NOT_OLDER}, within the budget: KEYS[2] counts the bytes written this window
     * (ARGV[4] budget, ARGV[5] window ms), key and value and Redis's own per-key overhead (ARGV[6])
     * each time. Returns 0 when the budget was spent.
     */
    private static final String PUT_WITHIN_BUDGET = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local stored = tonumber(string.match(current, '^(%d+)|'))
              if stored and stored > tonumber(ARGV[1]) then return -1 end
            end
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
    /** The generation counter's key; null for a versioned cache. */
    private final String generationKey;
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
     * @param invalidation how entries are made stale
     * @param loadWait     longest wait for a load another thread is making of the same key
     * @param budget       bytes the cache may write per TTL; {@link CacheBudget#NONE} for a cache whose
     *                     keys are bounded otherwise (a versioned cache has no budget: its puts and
     *                     tombstones must never be skipped)
     */
    public RedisJsonCache(String name, String keyPrefix, Duration ttl, Invalidation invalidation,
            RedissonClient redis, CacheAvailability availability, MeterRegistry meters, Duration loadWait,
            CacheBudget budget, Clock clock) {
        if (invalidation == Invalidation.VERSION && budget.limited()) {
            throw new IllegalArgumentException("a versioned cache cannot skip writes: its tombstones must land");
        }
        this.name = name;
        this.keyPrefix = keyPrefix + name + ":";
        this.ttl = ttl;
        this.versioned = invalidation == Invalidation.VERSION;
        this.generationKey = versioned ? null : this.keyPrefix + "generation";
        if (!versioned) {
            availability.keepAndAdvanceAfterFlush(generationKey);
        }
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
        VersionedJson value = read(key, true).value();
        return value == null ? null : new SimpleValueWrapper(value);
    }

    @Override
    public <V> V get(Object key, Class<V> requested) {
        return requested.cast(read(key, true).value());
    }

    /** A hit, or one load per key (and generation) at a time in this JVM; the loaded value is cached. */
    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Object key, Callable<V> valueLoader) {
        Lookup found = read(key, true);
        if (found.value() != null) {
            return (V) found.value();
        }
        if (!versioned && found.generation() == NO_GENERATION) {
            // No generation to key the value by: loaded for this request alone. A load shared across a
            // write could serve what it read before the write to a request that came after it.
            return (V) load(key, valueLoader);
        }
        // In a generational cache a load is shared only by requests that read the same generation.
        Object loadKey = versioned ? key : found.generation() + ":" + key;
        CompletableFuture<VersionedJson> mine = new CompletableFuture<>();
        CompletableFuture<VersionedJson> inFlight = loading.putIfAbsent(loadKey, mine);
        if (inFlight != null) {
            return (V) join(inFlight, loadWait);
        }
        try {
            // Another loader may have finished between our miss and our registration: look again.
            Lookup again = read(key, false);
            if (again.value() != null) {
                mine.complete(again.value());
                return (V) again.value();
            }
            VersionedJson loaded = load(key, valueLoader);
            if (loaded != null && (versioned || again.generation() != NO_GENERATION)) {
                put(key, again.generation(), loaded);
            }
            mine.complete(loaded);
            return (V) loaded;
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw e instanceof ValueRetrievalException retrieval ? retrieval : new ValueRetrievalException(key, valueLoader, e);
        } finally {
            loading.remove(loadKey, mine);
        }
    }

    private static VersionedJson load(Object key, Callable<?> valueLoader) {
        try {
            return (VersionedJson) valueLoader.call();
        } catch (Exception e) {
            throw new ValueRetrievalException(key, valueLoader, e);
        }
    }

    /**
     * In a versioned cache, stores the value unless a newer version is stored. A generational cache
     * has no put of its own: a value must be stored under the generation read before it was loaded,
     * which only {@link #get(Object, Callable)} knows.
     */
    @Override
    public void put(Object key, Object value) {
        if (!versioned) {
            throw new UnsupportedOperationException(
                    "cache " + name + " is generational: its values are put by get(key, valueLoader)");
        }
        put(key, 0, (VersionedJson) value);
    }

    private void put(Object key, long generation, VersionedJson value) {
        if (value == null || !availability.usable()) {
            return;
        }
        String entry = (versioned ? "" : generation + "|") + value.version() + "|"
                + new String(value.json(), StandardCharsets.UTF_8);
        try {
            if (store(key, versioned ? value.version() : generation, entry)) {
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
                store(key, TOMBSTONE_VERSION, TOMBSTONE_VERSION + "|");
            }
            evictions.increment();
        } catch (RuntimeException e) {
            availability.failed(name, "evict", e);
            availability.deleteLater(redisKey(key));
        }
    }

    /**
     * Makes every entry stale: a generational cache advances its generation (one INCR); a versioned
     * one is emptied step by step, never by one unbounded scan. If Redis cannot be told now, every
     * entry is removed before the cache is used again.
     */
    @Override
    public void clear() {
        if (versioned || !availability.usable()) {
            availability.flushLater();
            return;
        }
        try {
            redis.getAtomicLong(generationKey).incrementAndGet();
        } catch (RuntimeException e) {
            availability.failed(name, "generation", e);
            availability.flushLater();
        }
    }

    /**
     * What Redis holds for a key: the entry (null for a miss) and, in a generational cache, the
     * current generation ({@link #NO_GENERATION} when Redis is not usable).
     */
    private record Lookup(long generation, VersionedJson value) {
    }

    /** The cached value, or a miss; {@code counted} reads are reported as hits or misses. */
    private Lookup read(Object key, boolean counted) {
        if (!availability.usable()) {
            count(misses, counted);
            return new Lookup(NO_GENERATION, null);
        }
        Lookup found;
        try {
            found = versioned ? new Lookup(0, readVersioned(key)) : readGenerational(key);
        } catch (RuntimeException e) {
            availability.failed(name, "get", e);
            count(misses, counted);
            return new Lookup(NO_GENERATION, null);
        }
        // a miss: absent, a tombstone, of an older generation, or not an entry of ours
        count(found.value() == null ? misses : hits, counted);
        return found;
    }

    private VersionedJson readVersioned(Object key) {
        byte[] stored = redis.<byte[]>getBucket(redisKey(key), ByteArrayCodec.INSTANCE).get();
        return stored == null ? null : parse(stored, 0);
    }

    /** The generation and the entry in one round trip (MGET: one atomic read of both). */
    private Lookup readGenerational(Object key) {
        String entryKey = redisKey(key);
        Map<String, byte[]> found = redis.getBuckets(ByteArrayCodec.INSTANCE).get(generationKey, entryKey);
        byte[] counter = found.get(generationKey);
        long generation = counter == null ? 0 : number(counter, 0, counter.length);
        if (generation < 0) {
            return new Lookup(NO_GENERATION, null); // not a counter of ours: cache nothing
        }
        byte[] stored = found.get(entryKey);
        if (stored == null) {
            return new Lookup(generation, null);
        }
        int separator = digits(stored, 0);
        boolean current = separator > 0 && separator < stored.length && stored[separator] == SEPARATOR
                && number(stored, 0, separator) == generation;
        return new Lookup(generation, current ? parse(stored, separator + 1) : null);
    }

    /** "version|json" from {@code start}, read without decoding the JSON; null for a tombstone or anything else. */
    private static VersionedJson parse(byte[] stored, int start) {
        int separator = digits(stored, start);
        if (separator == start || separator >= stored.length - 1 || stored[separator] != SEPARATOR) {
            return null;
        }
        long version = number(stored, start, separator);
        if (version < 0 || version == TOMBSTONE_VERSION) {
            return null;
        }
        return new VersionedJson(version, Arrays.copyOfRange(stored, separator + 1, stored.length));
    }

    /** The index of the first byte from {@code start} that is not an ASCII digit (or past the longest number). */
    private static int digits(byte[] bytes, int start) {
        int end = start;
        while (end < bytes.length && end - start < MAX_VERSION_DIGITS && bytes[end] >= '0' && bytes[end] <= '9') {
            end++;
        }
        return end;
    }

    /** The decimal number in {@code bytes[start, end)}; negative when that is not one (empty, other bytes, overflow). */
    private static long number(byte[] bytes, int start, int end) {
        if (end == start || digits(bytes, start) != end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value; // past Long.MAX_VALUE it wraps to a negative number
    }

    private static void count(Counter counter, boolean counted) {
        if (counted) {
            counter.increment();
        }
    }

    /**
     * Writes the entry unless one leading with a higher number is stored; false when the budget was
     * spent and nothing was written.
     *
     * @param order the entry's leading number: its version, or its generation
     */
    private boolean store(Object key, long order, String entry) {
        if (budget.limited()) {
            Long stored = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUT_WITHIN_BUDGET,
                    RScript.ReturnType.LONG, List.of(redisKey(key), budget.counterKey(keyPrefix, clock, ttl)),
                    String.valueOf(order), entry, String.valueOf(ttl.toMillis()),
                    String.valueOf(budget.bytesPerWindow()), String.valueOf(ttl.toMillis()),
                    String.valueOf(ENTRY_OVERHEAD_BYTES));
            if (stored == null || stored == 0) {
                overBudget.increment();
                return false;
            }
        } else {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUT_IF_NOT_OLDER,
                    RScript.ReturnType.LONG, List.of(redisKey(key)), String.valueOf(order), entry,
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
