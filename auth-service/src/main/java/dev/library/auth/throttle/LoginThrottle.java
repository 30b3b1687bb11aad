package dev.library.auth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts failed logins in Redis, per username and per client address, in fixed windows that start
 * at the first failure. Counters are the only thing kept in Redis: if it is unreachable, logins
 * are let through unthrottled (fail-open, counted and logged), never refused and never lost.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String USER_KEY = "auth:login-failures:user:";
    private static final String CLIENT_KEY = "auth:login-failures:client:";
    /** Log "Redis unavailable" at most this often; the metric counts every occurrence. */
    private static final Duration UNAVAILABLE_LOG_INTERVAL = Duration.ofMinutes(1);

    /** Returns {count, ttl-ms} for each key; a missing key is {0, -2}. */
    private static final String READ = """
            local result = {}
            for i, key in ipairs(KEYS) do
              result[#result + 1] = tonumber(redis.call('GET', key) or '0')
              result[#result + 1] = redis.call('PTTL', key)
            end
            return result
            """;
    /** Counts one failure on each key; the first failure of a window sets its expiry atomically. */
    private static final String RECORD = """
            for i, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then
                redis.call('PEXPIRE', key, ARGV[1])
              end
            end
            return 1
            """;

    private final RedissonClient redis;
    private final LoginThrottleProperties limits;
    private final Clock clock;
    private final Counter unavailable;
    private final AtomicReference<Instant> lastUnavailableLog = new AtomicReference<>(Instant.EPOCH);

    public LoginThrottle(RedissonClient redis, LoginThrottleProperties limits, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
        this.unavailable = Counter.builder("library.auth.login.throttle.unavailable")
                .description("Login attempts let through unthrottled because Redis could not be reached")
                .register(meters);
    }

    /** How long this username and client must wait before trying again; zero when they may try now. */
    public Duration retryAfter(String username, String clientAddress) {
        try {
            List<Long> state = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_ONLY, READ,
                    RScript.ReturnType.LIST, List.of(USER_KEY + username, CLIENT_KEY + clientAddress));
            Duration wait = Duration.ZERO;
            if (state.get(0) >= limits.maxFailuresPerUsername()) {
                wait = max(wait, Duration.ofMillis(state.get(1)));
            }
            if (state.get(2) >= limits.maxFailuresPerClient()) {
                wait = max(wait, Duration.ofMillis(state.get(3)));
            }
            return wait;
        } catch (RuntimeException redisDown) {
            failOpen(redisDown);
            return Duration.ZERO;
        }
    }

    public void recordFailure(String username, String clientAddress) {
        try {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RECORD, RScript.ReturnType.LONG,
                    List.of(USER_KEY + username, CLIENT_KEY + clientAddress), String.valueOf(limits.window().toMillis()));
        } catch (RuntimeException redisDown) {
            failOpen(redisDown);
        }
    }

    /** A successful login clears the username's failures (the client's stay: it may be guessing many names). */
    public void recordSuccess(String username) {
        try {
            redis.getBucket(USER_KEY + username, StringCodec.INSTANCE).delete();
        } catch (RuntimeException redisDown) {
            failOpen(redisDown);
        }
    }

    private void failOpen(RuntimeException cause) {
        unavailable.increment();
        Instant now = clock.instant();
        Instant last = lastUnavailableLog.get();
        if (now.isAfter(last.plus(UNAVAILABLE_LOG_INTERVAL)) && lastUnavailableLog.compareAndSet(last, now)) {
            log.warn("Redis unavailable, login throttling is off until it returns: {}", cause.toString());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
