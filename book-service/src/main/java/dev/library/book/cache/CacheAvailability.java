package dev.library.book.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.library.storeconfig.RedisOutageGuard;

/**
 * Whether the caches may use Redis right now. After any Redis error the caches are bypassed for
 * a while ({@link RedisOutageGuard}), so a dead or frozen Redis costs one short timeout, not one per request.
 * Invalidations that could not be made while Redis was unreachable are remembered and made first
 * when it answers again; until they are, nothing is read from the cache, so a write made during
 * the outage can never be followed by a stale read. Emptying the caches is done in bounded steps
 * (one SCAN of {@value #SCAN_STEP} keys per call), never one scan of a keyspace the caches share with
 * the rate-limit and login counters; the caches stay unused until the last step.
 */
public class CacheAvailability {

    private static final Logger log = LoggerFactory.getLogger(CacheAvailability.class);
    /** Past this many remembered keys, recovery empties the caches instead of deleting keys one by one. */
    private static final int MAX_PENDING_KEYS = 10_000;
    /** Keys one recovery step looks at (SCAN's COUNT): the most one request pays for a flush. */
    static final int SCAN_STEP = 1_000;
    /**
     * One SCAN step over the keyspace, unlinking the matches except the keys ARGV[4..] (the generation
     * counters); returns the next cursor ("0": done).
     */
    private static final String SCAN_AND_UNLINK = """
            local kept = {}
            for i = 4, #ARGV do kept[ARGV[i]] = true end
            local reply = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
            for _, key in ipairs(reply[2]) do
              if not kept[key] then redis.call('UNLINK', key) end
            end
            return reply[1]
            """;

    private final RedissonClient redis;
    private final RedisOutageGuard outage;
    private final MeterRegistry meters;
    private final String keyPrefix;
    private final Set<String> pendingDeletes = new LinkedHashSet<>();
    private final Set<String> generationCounters = ConcurrentHashMap.newKeySet();
    private boolean pendingFlush;
    private String flushCursor = "0";
    private volatile boolean hasPending;

    /**
     * @param outage    made with this class's logger; its bypass is the caches' retry interval
     * @param keyPrefix prefix of every key the caches write, emptied when invalidations were lost
     */
    public CacheAvailability(RedissonClient redis, RedisOutageGuard outage, MeterRegistry meters, String keyPrefix) {
        this.redis = redis;
        this.outage = outage;
        this.meters = meters;
        this.keyPrefix = keyPrefix;
    }

    /** True when the caches may read and write Redis; makes remembered invalidations first if due. */
    public boolean usable() {
        if (outage.bypassing()) {
            return false;
        }
        return !hasPending || recover();
    }

    /** Records a failed Redis call: counted, logged now and then, cache bypassed for a while. */
    public void failed(String cacheName, String operation, RuntimeException error) {
        Counter.builder("library.cache.errors").description("Redis errors in the read cache (the request was served)")
                .tag("cache", cacheName).tag("operation", operation).register(meters).increment();
        outage.failed(operation + " on " + cacheName, error);
    }

    /** The guard for {@link CacheAvailability}: its log lines say the reads are served from MongoDB. */
    public static RedisOutageGuard guard(Duration retryInterval, Duration errorLogInterval, Clock clock) {
        return new RedisOutageGuard(log, "the cache is bypassed, reads are served from MongoDB", retryInterval,
                errorLogInterval, clock);
    }

    /** Remembers that {@code redisKey} must be deleted before the cache is used again. */
    public synchronized void deleteLater(String redisKey) {
        if (pendingDeletes.size() < MAX_PENDING_KEYS) {
            pendingDeletes.add(redisKey);
        } else {
            pendingFlush = true;
        }
        hasPending = true;
    }

    /**
     * A generational cache's counter: a flush keeps it and then advances it. Deleted, it would start
     * again at 0, and a value a load read before the outage, stored under a generation the counter
     * reaches again, would be served as current; kept but not advanced, the clear that the outage
     * swallowed would be lost for values loads are still storing.
     */
    public void keepAndAdvanceAfterFlush(String counterKey) {
        generationCounters.add(counterKey);
    }

    /** Remembers that every cached entry must go before the cache is used again. */
    public synchronized void flushLater() {
        pendingFlush = true;
        hasPending = true;
    }

    private synchronized boolean recover() {
        if (!hasPending) {
            return true;
        }
        try {
            if (pendingFlush) {
                List<Object> arguments = new ArrayList<>(List.of(flushCursor, keyPrefix + "*", String.valueOf(SCAN_STEP)));
                arguments.addAll(generationCounters);
                flushCursor = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, SCAN_AND_UNLINK,
                        RScript.ReturnType.VALUE, List.of(), arguments.toArray());
                if (!"0".equals(flushCursor)) {
                    return false; // more steps to go, one per call
                }
                for (String counter : generationCounters) {
                    redis.getAtomicLong(counter).incrementAndGet();
                }
            } else if (!pendingDeletes.isEmpty()) {
                redis.getKeys().delete(pendingDeletes.toArray(String[]::new));
            }
            pendingDeletes.clear();
            pendingFlush = false;
            hasPending = false;
            log.info("Redis cache is back; invalidations made during the outage are applied");
            return true;
        } catch (RuntimeException stillDown) {
            failed("all", "recover", stillDown);
            return false;
        }
    }
}
