package dev.library.web.wire;

import java.time.Duration;

/** {@code Retry-After} in whole seconds: rounded up and at least 1, so a client never retries too early. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
