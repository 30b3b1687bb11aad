package dev.library.storeconfig;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;

/**
 * What every user of Redis here does when it fails, since Redis holds nothing that must not be
 * lost: leave it alone for a while (so a dead or frozen Redis costs one timeout now and then, not
 * one per request), and say so in the log at most once per interval. Each user counts the
 * failures in its own metric, which says what the failure cost (a cache miss, a request let
 * through unlimited, a login let through unthrottled).
 */
public final class RedisOutageGuard {

    private final Logger log;
    private final String consequence;
    private final Duration bypassFor;
    private final Duration logEvery;
    private final InstantSource clock;
    private volatile Instant bypassUntil = Instant.MIN;
    private final AtomicReference<Instant> lastLog = new AtomicReference<>(Instant.MIN);

    /**
     * @param log         where the outage is reported (the user's own logger)
     * @param consequence what an outage means for the user's callers, e.g. "rate limits are off"
     * @param bypassFor   after a failure, how long Redis is left alone before it is tried again
     * @param logEvery    an outage is logged at most once per this interval
     */
    public RedisOutageGuard(Logger log, String consequence, Duration bypassFor, Duration logEvery, InstantSource clock) {
        this.log = log;
        this.consequence = consequence;
        this.bypassFor = bypassFor;
        this.logEvery = logEvery;
        this.clock = clock;
    }

    /** True while Redis is being left alone after a failure: the caller goes on without it. */
    public boolean bypassing() {
        return clock.instant().isBefore(bypassUntil);
    }

    /** Records a failed Redis call: Redis is left alone for a while, and the outage is logged now and then. */
    public void failed(String operation, Throwable error) {
        Instant now = clock.instant();
        bypassUntil = now.plus(bypassFor);
        Instant last = lastLog.get();
        if (!now.isBefore(last.plus(logEvery)) && lastLog.compareAndSet(last, now)) {
            log.warn("Redis unavailable ({}): {} for at least {}: {}", operation, consequence, bypassFor,
                    error.toString());
        }
    }
}
