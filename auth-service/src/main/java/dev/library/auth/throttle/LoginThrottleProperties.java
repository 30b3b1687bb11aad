package dev.library.auth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.login-throttle.*}: how many password attempts are allowed within a window.
 * Attempts are counted before the password is hashed, so a concurrent burst cannot slip past.
 *
 * @param maxFailuresPerUsernameAndClient failed logins of one username from one client address before
 *                                        that pair gets 429 for the rest of the window (the lock)
 * @param maxFailuresPerClient            failed logins (and sign-ups of taken names) from one client
 *                                        address, whatever the usernames, before it gets 429
 * @param usernameSlowdownAfter           failed logins of one username from all clients after which
 *                                        that username is slowed, never locked: one attempt per interval
 * @param usernameSlowdownInterval        the interval of that slowed pace
 * @param maxSignupsPerClient             sign-up attempts from one client address per window
 * @param window                          the fixed window the counts live in, from its first attempt
 */
@ConfigurationProperties("library.auth.login-throttle")
public record LoginThrottleProperties(int maxFailuresPerUsernameAndClient, int maxFailuresPerClient,
        int usernameSlowdownAfter, Duration usernameSlowdownInterval, int maxSignupsPerClient, Duration window) {
}
