package dev.library.auth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.login-throttle.*}: how many failed logins are allowed within a window, per
 * username and per client address, before further attempts get 429.
 */
@ConfigurationProperties("library.auth.login-throttle")
public record LoginThrottleProperties(int maxFailuresPerUsername, int maxFailuresPerClient, Duration window) {
}
