package dev.library.auth.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;
import dev.library.web.wire.RetryAfter;

/**
 * A password encoder that computes at most a fixed number of hashes at once. A few more requests
 * may wait briefly for a slot; the rest get 503 with Retry-After at once. So a burst of logins or
 * sign-ups costs a bounded amount of heap (Argon2id takes ~19 MiB per hash) and of request threads,
 * and everything that needs no hash (refresh, /me, JWKS) keeps being served.
 */
public class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore hashing;
    /** Hashing slots plus waiting places: requests beyond it are refused without waiting. */
    private final Semaphore admission;
    private final Duration maxWait;
    private final Duration retryAfter;
    private final Counter refused;

    public BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes, int waitingHashes, Duration maxWait,
            Duration retryAfter, MeterRegistry meters) {
        this.delegate = delegate;
        this.hashing = new Semaphore(concurrentHashes, true);
        this.admission = new Semaphore(concurrentHashes + waitingHashes);
        this.maxWait = maxWait;
        this.retryAfter = retryAfter;
        this.refused = Counter.builder("library.auth.password.hashing.refused")
                .description("Requests answered 503 because every password-hashing slot was busy").register(meters);
        Gauge.builder("library.auth.password.hashing.active", hashing, slots -> concurrentHashes - slots.availablePermits())
                .description("Password hashes being computed now").register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(Supplier<T> hash) {
        if (!admission.tryAcquire()) {
            throw busy();
        }
        try {
            if (!hashing.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
            try {
                return hash.get();
            } finally {
                hashing.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            admission.release();
        }
    }

    private ErrorResponseException busy() {
        refused.increment();
        ErrorResponseException busy = Problems.exception(HttpStatus.SERVICE_UNAVAILABLE,
                "Too many sign-ins at once. Try again shortly.");
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RetryAfter.seconds(retryAfter)));
        return busy;
    }
}
