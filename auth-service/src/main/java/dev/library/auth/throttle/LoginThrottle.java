package dev.library.auth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.library.storeconfig.RedisOutageGuard;
import dev.library.storeconfig.RedisProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts failed logins in Redis, per username and per client address, in fixed windows that start
 * at the first failure. Counters are the only thing kept in Redis: if it is unreachable, logins
 * are let through unthrottled (fail-open, counted and logged), never refused and never lost, and
 * Redis is left alone for {@code library.redis.outage-bypass} ({@link RedisOutageGuard}), so a
 * frozen Redis does not slow every login.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String USER_KEY = "auth:login-failures:user:";
    private static final String CLIENT_KEY = "auth:login-failures:client:";

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
    private final Counter unavailable;
    private final RedisOutageGuard outage;

    public LoginThrottle(RedissonClient redis, LoginThrottleProperties limits, RedisProperties redisProperties,
            Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.limits = limits;
        this.outage = new RedisOutageGuard(log, "login throttling is off", redisProperties.outageBypass(),
                redisProperties.outageLogInterval(), clock);
        this.unavailable = Counter.builder("library.auth.login.throttle.unavailable")
                .description("Login attempts let through unthrottled because Redis could not be reached")
                .register(meters);
    }

    /** How long this username and client must wait before trying again; zero when they may try now. */
    public Duration retryAfter(String username, String clientAddress) {
        if (outage.bypassing()) {
            unavailable.increment();
            return Duration.ZERO;
        }
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
            failOpen("read failures", redisDown);
            return Duration.ZERO;
        }
    }

    public void recordFailure(String username, String clientAddress) {
        if (outage.bypassing()) {
            return;
        }
        try {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RECORD, RScript.ReturnType.LONG,
                    List.of(USER_KEY + username, CLIENT_KEY + clientAddress), String.valueOf(limits.window().toMillis()));
        } catch (RuntimeException redisDown) {
            failOpen("record a failure", redisDown);
        }
    }

    /** A successful login clears the username's failures (the client's stay: it may be guessing many names). */
    public void recordSuccess(String username) {
        if (outage.bypassing()) {
            return;
        }
        try {
            redis.getBucket(USER_KEY + username, StringCodec.INSTANCE).delete();
        } catch (RuntimeException redisDown) {
            failOpen("clear failures", redisDown);
        }
    }

    private void failOpen(String operation, RuntimeException cause) {
        unavailable.increment();
        outage.failed(operation, cause);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
