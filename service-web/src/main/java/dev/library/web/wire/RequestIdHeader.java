package dev.library.web.wire;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} every request carries from the gateway through the services and back,
 * and into every log line and problem body.
 */
public final class RequestIdHeader {

    public static final String NAME = "X-Request-Id";
    /** The problem-body member (and logging MDC key) carrying the same id. */
    public static final String PROBLEM_MEMBER = "requestId";
    /** Ids that are safe to log verbatim: no spaces, control characters or log forging. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIdHeader() {
    }

    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    /** The caller's id when it is safe, a new random UUID otherwise. */
    public static String idFor(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : newId();
    }

    /**
     * A random (version 4) UUID drawn from the thread's own generator: an id only has to be unique
     * enough to find a request in the logs, not unguessable, and {@code UUID.randomUUID()}'s
     * SecureRandom cost a lock, a read of the system's source and a SHA-1 on every request.
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long least = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
        return new UUID(most, least).toString();
    }
}
