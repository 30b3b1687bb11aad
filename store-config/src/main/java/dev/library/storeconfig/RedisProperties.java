package dev.library.storeconfig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.redis.*}: the Redis a service keeps a cache or counters in. Short timeouts and
 * few retries: Redis holds nothing that must not be lost, so waiting long for it is never worth it.
 *
 * @param password          what Redis requires of clients ({@code requirepass}); none when blank
 * @param outageBypass      after a Redis error, how long a {@link RedisOutageGuard} made from these
 *                          properties leaves Redis alone
 * @param outageLogInterval such a guard logs an outage at most once per interval
 * @param nettyThreads      Redisson's I/O event loops; its default (32) is sized for big machines,
 *                          each an idle thread with its own buffers on a one- or two-core node
 * @param threads           Redisson's executor for listeners and callbacks (its default: 16)
 */
@ConfigurationProperties("library.redis")
public record RedisProperties(String url, Duration connectTimeout, Duration timeout, Integer retryAttempts,
        Duration outageBypass, Duration outageLogInterval, Integer nettyThreads, Integer threads,
        String password) {

    public RedisProperties {
        url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        retryAttempts = retryAttempts == null ? 1 : retryAttempts;
        outageBypass = outageBypass == null ? Duration.ofSeconds(2) : outageBypass;
        outageLogInterval = outageLogInterval == null ? Duration.ofMinutes(1) : outageLogInterval;
        nettyThreads = nettyThreads == null ? 4 : nettyThreads;
        threads = threads == null ? 2 : threads;
        password = password == null || password.isBlank() ? null : password;
    }
}
