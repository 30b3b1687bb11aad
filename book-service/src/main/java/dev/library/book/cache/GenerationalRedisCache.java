package dev.library.book.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * A cache whose entries are made stale all at once: entries are "generation|version|json",
 * {@link #clear()} advances a counter, and an entry is a hit only while its generation is still the
 * current one. A value is stored under the generation read before it was loaded, so a value loaded
 * before a clear is never served after it (nor does a slow load replace an entry of a newer
 * generation). A hit is one round trip: the counter and the entry in one {@code MGET}.
 */
public final class GenerationalRedisCache extends RedisJsonCache {

    /** No generation could be read (Redis not usable): the value is loaded, shared with no one, and not stored. */
    private static final long NO_GENERATION = -1;

    private final String generationKey;

    /**
     * @param loadWait longest wait for a load another thread is making of the same key
     * @param budget   bytes the cache may write per TTL ({@link CacheBudget#NONE}: unbounded)
     */
    public GenerationalRedisCache(String name, String keyPrefix, Duration ttl, RedissonClient redis,
            CacheAvailability availability, MeterRegistry meters, Duration loadWait, CacheBudget budget, Clock clock) {
        super(name, keyPrefix, ttl, redis, availability, meters, loadWait, budget, clock);
        this.generationKey = redisKey("generation");
        availability.keepAndAdvanceAfterFlush(generationKey);
    }

    /** The generation and the entry in one round trip (MGET: one atomic read of both). */
    @Override
    protected Lookup lookup(Object key) {
        String entryKey = redisKey(key);
        Map<String, byte[]> found = redis.getBuckets(ByteArrayCodec.INSTANCE).get(generationKey, entryKey);
        byte[] counter = found.get(generationKey);
        long generation = counter == null ? 0 : number(counter, 0, counter.length);
        if (generation < 0) {
            return unusable(); // not a counter of ours: cache nothing
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

    @Override
    protected Lookup unusable() {
        return new Lookup(NO_GENERATION, null);
    }

    /**
     * A load is shared only by requests that read the same generation; without a generation, by no
     * one: a load shared across a write could serve what it read before the write to a request that
     * came after it.
     */
    @Override
    protected Object loadKey(Object key, Lookup found) {
        return found.generation() == NO_GENERATION ? null : found.generation() + ":" + key;
    }

    @Override
    protected void storeLoaded(Object key, Lookup found, VersionedJson loaded) {
        if (found.generation() != NO_GENERATION) {
            write(key, found.generation(), found.generation() + "|" + loaded.version() + "|"
                    + new String(loaded.json(), StandardCharsets.UTF_8));
        }
    }

    /**
     * No put of its own: a value must be stored under the generation read before it was loaded,
     * which only {@link #get(Object, java.util.concurrent.Callable)} knows.
     */
    @Override
    public void put(Object key, Object value) {
        throw new UnsupportedOperationException(
                "cache " + getName() + " is generational: its values are put by get(key, valueLoader)");
    }

    @Override
    protected void removeEntry(Object key) {
        redis.getBucket(redisKey(key), StringCodec.INSTANCE).delete();
    }

    /** Advances the generation (one INCR); if Redis cannot be told now, every entry is removed before the cache is used again. */
    @Override
    public void clear() {
        if (!availability.usable()) {
            availability.flushLater();
            return;
        }
        try {
            redis.getAtomicLong(generationKey).incrementAndGet();
        } catch (RuntimeException e) {
            availability.failed(getName(), "generation", e);
            availability.flushLater();
        }
    }
}
