package dev.library.web.wire;

import java.util.UUID;
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

    /** The caller's id when it is safe, a new UUID otherwise. */
    public static String idFor(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
