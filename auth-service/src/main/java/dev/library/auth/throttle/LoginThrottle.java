package dev.library.auth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.library.storeconfig.RedisOutageGuard;
import dev.library.storeconfig.RedisProperties;

/**
 * Counts password attempts in Redis, in fixed windows that start at the first attempt, and decides
 * before any password is hashed whether an attempt may go ahead:
 * <ul>
 * <li>per username <em>and</em> client address: a few failures lock that pair for the window;</li>
 * <li>per client address: many failures (any usernames, and sign-ups of taken names) lock the client;</li>
 * <li>per username from everywhere: many failures only slow the username to one attempt per
 * interval, so nobody can lock an account (the admin's included) from addresses of their own.</li>
 * </ul>
 * An attempt is counted as a failure when it is admitted; a successful login takes it back. So a
 * concurrent burst is admitted only up to the limits, not hashed in full.
 * Counters are the only thing kept in Redis: if it is unreachable, attempts are let through
 * (fail-open, counted and logged), never refused and never lost, and Redis is left alone for
 * {@code library.redis.outage-bypass} ({@link RedisOutageGuard}), so a frozen Redis does not slow
 * every login.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String PAIR_KEY = "auth:login-failures:pair:";
    private static final String CLIENT_KEY = "auth:login-failures:client:";
    private static final String USER_KEY = "auth:login-failures:user:";
    private static final String USER_SLOT_KEY = "auth:login-slot:user:";
    private static final String SIGNUP_KEY = "auth:signups:client:";

    /**
     * KEYS: pair, client, user, user-slot. ARGV: max-pair, max-client, slowdown-after, slot-ms, window-ms.
     * Returns {0, wait-ms} when refused, {1, 0} when admitted (and then counts the attempt as a failure).
     */
    private static final String ADMIT_LOGIN = """
            local function count(key) return tonumber(redis.call('GET', key) or '0') end
            if count(KEYS[1]) >= tonumber(ARGV[1]) then return {0, redis.call('PTTL', KEYS[1])} end
            if count(KEYS[2]) >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
            if count(KEYS[3]) >= tonumber(ARGV[3]) then
              if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[4], 'NX') then
                return {0, redis.call('PTTL', KEYS[4])}
              end
            end
            for i = 1, 3 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
            end
            return {1, 0}
            """;
    /** KEYS: pair, client, user. Takes back the admitted attempt of a successful login. */
    private static final String LOGIN_SUCCEEDED = """
            redis.call('DEL', KEYS[1], KEYS[3])
            if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
            return 1
            """;
    /** KEYS: signups, client. ARGV: max-signups, max-client, window-ms. Same answer shape as ADMIT_LOGIN. */
    private static final String ADMIT_SIGNUP = """
            local function count(key) return tonumber(redis.call('GET', key) or '0') end
            if count(KEYS[1]) >= tonumber(ARGV[1]) then return {0, redis.call('PTTL', KEYS[1])} end
            if count(KEYS[2]) >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return {1, 0}
            """;
    /** KEYS: client. ARGV: window-ms. */
    private static final String CLIENT_FAILED = """
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
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

    /**
     * Admits one login attempt of this username from this client, counting it as a failure until
     * {@link #loginSucceeded} takes it back; or refuses it with 429 before any hashing.
     */
    public void admitLogin(String username, String clientAddress) {
        admit(ADMIT_LOGIN, List.of(PAIR_KEY + username + "|" + clientAddress, CLIENT_KEY + clientAddress,
                USER_KEY + username, USER_SLOT_KEY + username),
                String.valueOf(limits.maxFailuresPerUsernameAndClient()), String.valueOf(limits.maxFailuresPerClient()),
                String.valueOf(limits.usernameSlowdownAfter()), millis(limits.usernameSlowdownInterval()),
                millis(limits.window()));
    }

    /** A successful login: its attempt was no failure, and the username's failures are forgotten. */
    public void loginSucceeded(String username, String clientAddress) {
        run(LOGIN_SUCCEEDED, List.of(PAIR_KEY + username + "|" + clientAddress, CLIENT_KEY + clientAddress,
                USER_KEY + username));
    }

    /**
     * Admits one sign-up from this client, or refuses it with 429: sign-ups have their own budget per
     * client, and a client locked out of logins cannot sign up either.
     */
    public void admitSignup(String clientAddress) {
        admit(ADMIT_SIGNUP, List.of(SIGNUP_KEY + clientAddress, CLIENT_KEY + clientAddress),
                String.valueOf(limits.maxSignupsPerClient()), String.valueOf(limits.maxFailuresPerClient()),
                millis(limits.window()));
    }

    /**
     * A sign-up of a name that is taken tells the client the name exists: it is counted like a failed
     * login, so finding out which names exist costs as much through sign-up as through login.
     */
    public void signupFoundTakenName(String clientAddress) {
        run(CLIENT_FAILED, List.of(CLIENT_KEY + clientAddress), millis(limits.window()));
    }

    private void admit(String script, List<Object> keys, String... args) {
        if (outage.bypassing()) {
            unavailable.increment();
            return;
        }
        List<Long> answer;
        try {
            answer = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script,
                    RScript.ReturnType.LIST, keys, (Object[]) args);
        } catch (RuntimeException redisDown) {
            failOpen("admit an attempt", redisDown);
            return;
        }
        if (answer.get(0) == 0) {
            throw new TooManyLoginAttemptsException(Duration.ofMillis(Math.max(0, answer.get(1))));
        }
    }

    private void run(String script, List<Object> keys, String... args) {
        if (outage.bypassing()) {
            return;
        }
        try {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.LONG, keys,
                    (Object[]) args);
        } catch (RuntimeException redisDown) {
            failOpen("record an outcome", redisDown);
        }
    }

    private void failOpen(String operation, RuntimeException cause) {
        unavailable.increment();
        outage.failed(operation, cause);
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
