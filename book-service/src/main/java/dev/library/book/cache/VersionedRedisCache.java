package dev.library.book.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * A cache whose entries are made stale one by one, each ordered by its version: entries are
 * "version|json", a put never replaces a higher version, and an eviction leaves a tombstone, so a
 * reader that loaded an old state just before a write cannot put it back afterwards. It has no
 * {@link CacheBudget}: a put or a tombstone must never be skipped.
 */
public final class VersionedRedisCache extends RedisJsonCache {

    /** A versioned cache reads no generation. */
    private static final long NO_GENERATION = 0;

    /** @param loadWait longest wait for a load another thread is making of the same key */
    public VersionedRedisCache(String name, String keyPrefix, Duration ttl, RedissonClient redis,
            CacheAvailability availability, MeterRegistry meters, Duration loadWait) {
        super(name, keyPrefix, ttl, redis, availability, meters, loadWait, CacheBudget.NONE, Clock.systemUTC());
    }

    @Override
    protected Lookup lookup(Object key) {
        byte[] stored = redis.<byte[]>getBucket(redisKey(key), ByteArrayCodec.INSTANCE).get();
        return new Lookup(NO_GENERATION, stored == null ? null : parse(stored, 0));
    }

    @Override
    protected Lookup unusable() {
        return new Lookup(NO_GENERATION, null);
    }

    @Override
    protected Object loadKey(Object key, Lookup found) {
        return key;
    }

    @Override
    protected void storeLoaded(Object key, Lookup found, VersionedJson loaded) {
        put(key, loaded);
    }

    /** Stores the value unless a newer version is stored. */
    @Override
    public void put(Object key, Object value) {
        if (value != null) {
            VersionedJson json = (VersionedJson) value;
            write(key, json.version(), json.version() + "|" + new String(json.json(), StandardCharsets.UTF_8));
        }
    }

    /** Leaves a tombstone no older state can overwrite. */
    @Override
    protected void removeEntry(Object key) {
        store(key, TOMBSTONE_VERSION, TOMBSTONE_VERSION + "|");
    }

    /** Empties the cache step by step (never by one unbounded scan), before it is used again. */
    @Override
    public void clear() {
        availability.flushLater();
    }
}
