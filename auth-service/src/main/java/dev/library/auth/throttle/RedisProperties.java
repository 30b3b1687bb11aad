package dev.library.auth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.redis.*}: the Redis that holds login-failure counters. Short timeouts and few
 * retries, because a slow Redis must not make logins slow: when it fails, throttling fails open.
 */
@ConfigurationProperties("library.redis")
public record RedisProperties(String url, Duration connectTimeout, Duration timeout, int retryAttempts) {
}
