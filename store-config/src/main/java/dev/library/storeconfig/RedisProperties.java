package dev.library.storeconfig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.redis.*}: the Redis a service uses as cache or counter store. Short timeouts and
 * few retries: Redis holds nothing that must not be lost, so waiting long for it is never worth it.
 */
@ConfigurationProperties("library.redis")
public record RedisProperties(String url, Duration connectTimeout, Duration timeout, Integer retryAttempts) {

    public RedisProperties {
        url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        retryAttempts = retryAttempts == null ? 1 : retryAttempts;
    }
}
