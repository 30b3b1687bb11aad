package dev.library.auth.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.password.*}: the Argon2id cost of hashing a password, and how many hashes may
 * run at once (each takes {@code argon2MemoryKib} of heap and a core).
 *
 * @param maxConcurrentHashes hashes computed at once; 0 means the number of cores the JVM sees
 * @param maxWaitingHashes    requests that may wait for a free hashing slot; more are refused at once
 * @param maxWait             how long a request waits for a slot before it gets 503
 * @param busyRetryAfter      the Retry-After sent with that 503
 */
@ConfigurationProperties("library.auth.password")
public record PasswordProperties(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism,
        int maxConcurrentHashes, int maxWaitingHashes, Duration maxWait, Duration busyRetryAfter) {

    public int concurrentHashes() {
        return maxConcurrentHashes > 0 ? maxConcurrentHashes : Runtime.getRuntime().availableProcessors();
    }
}
