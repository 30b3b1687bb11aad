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
 * <li>per username from everywhere: past a number of failures each client gets one attempt at that
 * username per interval, its own slot, so clients polling the username never take another
 * client's turn; past a higher ceiling only the username's known clients (addresses that logged
 * in to it before) may still try it for the rest of the window.</li>
 * </ul>
 * An attempt is counted as a failure when it is admitted; a successful login takes back that one
 * attempt (and clears its own pair), never the others' failures, so logging in hands nobody fresh
 * guesses. A concurrent burst is admitted only up to the limits, not hashed in full.
 * Usernames appear in keys only hashed (fixed length). When Redis cannot be used (unreachable,
 * frozen, or full and refusing writes), the same rules run on counters in this replica's memory
 * ({@link LocalLoginCounters}, bounded): throttling degrades to per replica, it does not switch off.
 * Redis is then left alone for {@code library.redis.outage-bypass} ({@link RedisOutageGuard}).
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /**
     * KEYS: pair, client, user, slot, known. ARGV: max-pair, max-client, slowdown-after, slot-ms,
     * window-ms, ceiling, client-address. Returns {0, wait-ms} when refused, {1, 0} when admitted
     * (and then counts the attempt as a failure).
     */
    private static final String ADMIT_LOGIN = """
            local function count(key) return tonumber(redis.call('GET', key) or '0') end
            if count(KEYS[1]) >= tonumber(ARGV[1]) then return {0, redis.call('PTTL', KEYS[1])} end
            if count(KEYS[2]) >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
            local failures = count(KEYS[3])
            if failures >= tonumber(ARGV[6]) and redis.call('SISMEMBER', KEYS[5], ARGV[7]) == 0 then
              return {0, redis.call('PTTL', KEYS[3])}
            end
            if failures >= tonumber(ARGV[3]) then
              if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[4], 'NX') then
                return {0, redis.call('PTTL', KEYS[4])}
              end
            end
            for i = 1, 3 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
            end
            return {1, 0}
            """;
    /**
     * KEYS: pair, client, user, known. ARGV: client-address, known-ttl-ms, max-known. Takes back the
     * admitted attempt of a successful login and remembers the client as known for the username.
     */
    private static final String LOGIN_SUCCEEDED = """
            redis.call('DEL', KEYS[1])
            for i = 2, 3 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            redis.call('SADD', KEYS[4], ARGV[1])
            while redis.call('SCARD', KEYS[4]) > tonumber(ARGV[3]) do
              local other = redis.call('SRANDMEMBER', KEYS[4])
              if other == ARGV[1] then break end
              redis.call('SREM', KEYS[4], other)
            end
            redis.call('PEXPIRE', KEYS[4], ARGV[2])
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
    private final LocalLoginCounters local;

    public LoginThrottle(RedissonClient redis, LoginThrottleProperties limits, RedisProperties redisProperties,
            Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.limits = limits;
        this.outage = new RedisOutageGuard(log, "login throttling runs on this replica's own counters",
                redisProperties.outageBypass(), redisProperties.outageLogInterval(), clock);
        this.local = new LocalLoginCounters(clock, limits.localFallbackMaxKeys());
        this.unavailable = Counter.builder("library.auth.login.throttle.unavailable")
                .description("Login throttle decisions taken on this replica's own counters because Redis could"
                        + " not be used (unreachable, frozen or full)")
                .register(meters);
    }

    /**
     * Admits one login attempt of this username from this client, counting it as a failure until
     * {@link #loginSucceeded} takes it back; or refuses it with 429 before any hashing.
     */
    public void admitLogin(String username, String clientAddress) {
        LoginKeys keys = LoginKeys.of(username, clientAddress);
        Long wait = eval(ADMIT_LOGIN, List.of(keys.pair(), keys.client(), keys.user(), keys.slot(), keys.known()),
                String.valueOf(limits.maxFailuresPerUsernameAndClient()), String.valueOf(limits.maxFailuresPerClient()),
                String.valueOf(limits.usernameSlowdownAfter()), millis(limits.usernameSlowdownInterval()),
                millis(limits.window()), String.valueOf(limits.usernameCeiling()), clientAddress);
        refuseIfWaiting(wait != null ? wait : local.admitLogin(keys, limits));
    }

    /** A successful login: its own attempt was no failure, and the client is now known for the username. */
    public void loginSucceeded(String username, String clientAddress) {
        LoginKeys keys = LoginKeys.of(username, clientAddress);
        if (!run(LOGIN_SUCCEEDED, List.of(keys.pair(), keys.client(), keys.user(), keys.known()), clientAddress,
                millis(limits.knownClientTtl()), String.valueOf(limits.maxKnownClientsPerUsername()))) {
            local.loginSucceeded(keys, limits);
        }
    }

    /**
     * Admits one sign-up from this client, or refuses it with 429: sign-ups have their own budget per
     * client, and a client locked out of logins cannot sign up either.
     */
    public void admitSignup(String clientAddress) {
        String signups = LoginKeys.SIGNUP + clientAddress;
        String client = LoginKeys.CLIENT + clientAddress;
        Long wait = eval(ADMIT_SIGNUP, List.of(signups, client), String.valueOf(limits.maxSignupsPerClient()),
                String.valueOf(limits.maxFailuresPerClient()), millis(limits.window()));
        refuseIfWaiting(wait != null ? wait : local.admitSignup(signups, client, limits));
    }

    /**
     * A sign-up of a name that is taken tells the client the name exists: it is counted like a failed
     * login, so finding out which names exist costs as much through sign-up as through login.
     */
    public void signupFoundTakenName(String clientAddress) {
        String client = LoginKeys.CLIENT + clientAddress;
        if (!run(CLIENT_FAILED, List.of(client), millis(limits.window()))) {
            local.clientFailed(client, limits);
        }
    }

    private static void refuseIfWaiting(long waitMillis) {
        if (waitMillis > 0) {
            throw new TooManyLoginAttemptsException(Duration.ofMillis(waitMillis));
        }
    }

    /** The script's answer as 0 (admitted) or the wait in ms; null when Redis could not be used. */
    private Long eval(String script, List<Object> keys, String... args) {
        if (outage.bypassing()) {
            unavailable.increment();
            return null;
        }
        try {
            List<Long> answer = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script,
                    RScript.ReturnType.LIST, keys, (Object[]) args);
            return answer.get(0) == 1 ? 0L : Math.max(1, answer.get(1));
        } catch (RuntimeException redisUnusable) {
            unavailable.increment();
            outage.failed("admit an attempt", redisUnusable);
            return null;
        }
    }

    /** Runs a script; false when Redis could not be used. */
    private boolean run(String script, List<Object> keys, String... args) {
        if (outage.bypassing()) {
            return false;
        }
        try {
            redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.LONG, keys,
                    (Object[]) args);
            return true;
        } catch (RuntimeException redisUnusable) {
            outage.failed("record an outcome", redisUnusable);
            return false;
        }
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
