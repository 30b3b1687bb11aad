package dev.library.book.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.ToLongFunction;

import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Spring {@link Cache} in Redis through Redisson: one key per entry, expiring after a TTL,
 * the value stored as JSON of one known type (never Java serialization, never class names).
 * <ul>
 * <li>Redis failing never fails the caller: a failed read is a miss, a failed write is skipped,
 * and a failed eviction is remembered (see {@link CacheAvailability}).</li>
 * <li>Concurrent misses for one key in this JVM share one load ({@link #get(Object, Callable)}).</li>
 * <li>For a versioned cache, a put never replaces a newer version, and an eviction leaves a
 * tombstone: a reader that loaded an old state just before a write cannot put it back afterwards.</li>
 * </ul>
 */
public class RedisJsonCache<T> implements Cache {

    private static final char SEPARATOR = '|';
    private static final long TOMBSTONE_VERSION = Long.MAX_VALUE;
    private static final long UNVERSIONED = 0;
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

    private final String name;
    private final String keyPrefix;
    private final Class<T> type;
    private final Duration ttl;
    private final ToLongFunction<T> versionOf;
    private final RedissonClient redis;
    private final JsonMapper json;
    private final CacheAvailability availability;
    private final ConcurrentMap<Object, CompletableFuture<T>> loading = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter puts;
    private final Counter evictions;

    /**
     * @param versionOf the version of a value (higher is newer), or null for an unversioned cache
     */
    public RedisJsonCache(String name, String keyPrefix, Class<T> type, Duration ttl, ToLongFunction<T> versionOf,
            RedissonClient redis, JsonMapper json, CacheAvailability availability, MeterRegistry meters) {
        this.name = name;
        this.keyPrefix = keyPrefix + name + ":";
        this.type = type;
        this.ttl = ttl;
        this.versionOf = versionOf;
        this.redis = redis;
        this.json = json;
        this.availability = availability;
        // Micrometer's standard cache meter names, so stock cache dashboards work.
        this.hits = Counter.builder("cache.gets").tag("cache", name).tag("result", "hit").register(meters);
        this.misses = Counter.builder("cache.gets").tag("cache", name).tag("result", "miss").register(meters);
        this.puts = Counter.builder("cache.puts").tag("cache", name).register(meters);
        this.evictions = Counter.builder("cache.evictions").tag("cache", name).register(meters);
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
        T value = read(key);
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
        T cached = read(key);
        if (cached != null) {
            return (V) cached;
        }
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> inFlight = loading.putIfAbsent(key, mine);
        if (inFlight != null) {
            return (V) join(inFlight);
        }
        try {
            // Another loader may have finished between our miss and our registration: look again.
            T justLoaded = read(key, false);
            if (justLoaded != null) {
                mine.complete(justLoaded);
                return (V) justLoaded;
            }
            T loaded = type.cast(valueLoader.call());
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
        T typed = type.cast(value);
        long version = versionOf == null ? UNVERSIONED : versionOf.applyAsLong(typed);
        try {
            store(key, version, json.writeValueAsString(typed));
            puts.increment();
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
            if (versionOf == null) {
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
        try {
            redis.getKeys().deleteByPattern(keyPrefix + "*");
        } catch (RuntimeException e) {
            availability.failed(name, "clear", e);
            availability.flushLater();
        }
    }

    private T read(Object key) {
        return read(key, true);
    }

    /** The cached value, or null; {@code counted} reads are reported as hits or misses. */
    private T read(Object key, boolean counted) {
        if (!availability.usable()) {
            count(misses, counted);
            return null;
        }
        String stored;
        try {
            RBucket<String> bucket = redis.getBucket(redisKey(key), StringCodec.INSTANCE);
            stored = bucket.get();
        } catch (RuntimeException e) {
            availability.failed(name, "get", e);
            count(misses, counted);
            return null;
        }
        int separator = stored == null ? -1 : stored.indexOf(SEPARATOR);
        if (separator < 0 || separator == stored.length() - 1) {
            count(misses, counted); // absent, or a tombstone
            return null;
        }
        count(hits, counted);
        return json.readValue(stored.substring(separator + 1), type);
    }

    private static void count(Counter counter, boolean counted) {
        if (counted) {
            counter.increment();
        }
    }

    private void store(Object key, long version, String valueJson) {
        String entry = version + String.valueOf(SEPARATOR) + valueJson;
        if (versionOf == null) {
            redis.getBucket(redisKey(key), StringCodec.INSTANCE).set(entry, ttl);
        } else {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUT_IF_NOT_OLDER,
                    RScript.ReturnType.LONG, List.of(redisKey(key)), String.valueOf(version), entry,
                    String.valueOf(ttl.toMillis()));
        }
    }

    String redisKey(Object key) {
        return keyPrefix + key;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
