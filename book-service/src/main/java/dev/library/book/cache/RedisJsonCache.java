package dev.library.book.cache;

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
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.dao.QueryTimeoutException;

/**
 * What the two Redis caches of book-service share: a Spring {@link Cache} in Redis through Redisson,
 * one key per entry, expiring after a TTL, the value a {@link VersionedJson}: JSON its caller
 * serialized once, stored and returned as bytes, so a hit costs no parsing and no serializing (never
 * Java serialization, never class names). How entries are made stale is the subclass's:
 * {@link VersionedRedisCache} one by one, ordered by version; {@link GenerationalRedisCache} all at
 * once, by advancing a generation.
 * <ul>
 * <li>Redis failing never fails the caller: a failed read is a miss, a failed write is skipped,
 * and a failed eviction is remembered (see {@link CacheAvailability}).</li>
 * <li>Concurrent misses for one key in this JVM share one load ({@link #get(Object, Callable)}), as far
 * as the subclass allows ({@link #loadKey}).</li>
 * <li>A waiter on another thread's load waits at most {@code loadWait}, then fails with
 * {@link QueryTimeoutException} (a 503): a frozen store must not pile up threads waiting forever.</li>
 * <li>With a {@link CacheBudget}, writes past the budget are skipped, so callers choosing keys
 * (query strings) cannot grow the cache without bound in a Redis it shares with counters.</li>
 * </ul>
 */
public abstract sealed class RedisJsonCache implements Cache permits VersionedRedisCache, GenerationalRedisCache {

    protected static final byte SEPARATOR = '|';
    /** Long.MAX_VALUE: a version no stored state can be newer than. */
    protected static final long TOMBSTONE_VERSION = Long.MAX_VALUE;
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
    protected final RedissonClient redis;
    protected final CacheAvailability availability;
    private final Duration loadWait;
    private final CacheBudget budget;
    private final Clock clock;
    private final ConcurrentMap<Object, CompletableFuture<VersionedJson>> loading = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    protected final Counter puts;
    private final Counter evictions;
    private final Counter overBudget;

    /**
     * @param loadWait longest wait for a load another thread is making of the same key
     * @param budget   bytes the cache may write per TTL; {@link CacheBudget#NONE} for a cache whose
     *                 keys are bounded otherwise
     */
    RedisJsonCache(String name, String keyPrefix, Duration ttl, RedissonClient redis, CacheAvailability availability,
            MeterRegistry meters, Duration loadWait, CacheBudget budget, Clock clock) {
        this.name = name;
        this.keyPrefix = keyPrefix + name + ":";
        this.ttl = ttl;
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

    /**
     * What Redis holds for a key: the entry (null for a miss) and, in a generational cache, the
     * generation it was read at.
     */
    protected record Lookup(long generation, VersionedJson value) {
    }

    /** Reads the key's entry from Redis (throws when Redis fails; the caller counts and reports). */
    protected abstract Lookup lookup(Object key);

    /** The key under which concurrent loads are shared, or null when this load must be shared with no one. */
    protected abstract Object loadKey(Object key, Lookup found);

    /** Stores a value {@link #get(Object, Callable)} loaded after {@code found} was read. */
    protected abstract void storeLoaded(Object key, Lookup found, VersionedJson loaded);

    /** The lookup for a read that could not ask Redis. */
    protected abstract Lookup unusable();

    /** Makes the key's entry stale in Redis now (throws when Redis fails). */
    protected abstract void removeEntry(Object key);

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

    /** A hit, or one load per {@link #loadKey} at a time in this JVM; the loaded value is cached. */
    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Object key, Callable<V> valueLoader) {
        Lookup found = read(key, true);
        if (found.value() != null) {
            return (V) found.value();
        }
        Object loadKey = loadKey(key, found);
        if (loadKey == null) {
            return (V) load(key, valueLoader);
        }
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
            if (loaded != null) {
                storeLoaded(key, again, loaded);
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
     * Writes {@code entry} unless Redis is unusable; a failure is reported and the key deleted later.
     *
     * @param order the entry's leading number: its version, or its generation
     */
    protected final void write(Object key, long order, String entry) {
        if (!availability.usable()) {
            return;
        }
        try {
            if (store(key, order, entry)) {
                puts.increment();
            }
        } catch (RuntimeException e) {
            availability.failed(name, "put", e);
            availability.deleteLater(redisKey(key));
        }
    }

    /** Makes the entry stale now, or, when Redis cannot be told, before the cache is used again. */
    @Override
    public final void evict(Object key) {
        if (!availability.usable()) {
            availability.deleteLater(redisKey(key));
            return;
        }
        try {
            removeEntry(key);
            evictions.increment();
        } catch (RuntimeException e) {
            availability.failed(name, "evict", e);
            availability.deleteLater(redisKey(key));
        }
    }

    /** The cached value, or a miss; {@code counted} reads are reported as hits or misses. */
    private Lookup read(Object key, boolean counted) {
        if (!availability.usable()) {
            count(misses, counted);
            return unusable();
        }
        Lookup found;
        try {
            found = lookup(key);
        } catch (RuntimeException e) {
            availability.failed(name, "get", e);
            count(misses, counted);
            return unusable();
        }
        // a miss: absent, a tombstone, of an older generation, or not an entry of ours
        count(found.value() == null ? misses : hits, counted);
        return found;
    }

    /** "version|json" from {@code start}, read without decoding the JSON; null for a tombstone or anything else. */
    protected static VersionedJson parse(byte[] stored, int start) {
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
    protected static int digits(byte[] bytes, int start) {
        int end = start;
        while (end < bytes.length && end - start < MAX_VERSION_DIGITS && bytes[end] >= '0' && bytes[end] <= '9') {
            end++;
        }
        return end;
    }

    /** The decimal number in {@code bytes[start, end)}; negative when that is not one (empty, other bytes, overflow). */
    protected static long number(byte[] bytes, int start, int end) {
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
    protected final boolean store(Object key, long order, String entry) {
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

    final String redisKey(Object key) {
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
