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
 *                                        each client gets one attempt at that username per interval
 * @param usernameSlowdownInterval        the interval of that slowed pace (per client, not shared)
 * @param usernameCeiling                 failed logins of one username from all clients after which
 *                                        only its known clients may still try it, for the window
 * @param knownClientTtl                  how long a client address that logged in to a username stays
 *                                        known for it (exempt from the ceiling)
 * @param maxKnownClientsPerUsername      client addresses remembered per username
 * @param maxSignupsPerClient             sign-up attempts from one client address per window
 * @param window                          the fixed window the counts live in, from its first attempt
 * @param localFallbackMaxKeys            counters kept in this replica's memory while Redis cannot be
 *                                        used (down, frozen or full); the oldest are dropped past it
 */
@ConfigurationProperties("library.auth.login-throttle")
public record LoginThrottleProperties(int maxFailuresPerUsernameAndClient, int maxFailuresPerClient,
        int usernameSlowdownAfter, Duration usernameSlowdownInterval, int usernameCeiling, Duration knownClientTtl,
        int maxKnownClientsPerUsername, int maxSignupsPerClient, Duration window, int localFallbackMaxKeys) {
}
