package dev.library.auth.throttle;

import static dev.library.web.wire.RetryAfter.seconds;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;

/** 429 with {@code Retry-After} in whole seconds (rounded up, so the client never retries too early). */
public class TooManyLoginAttemptsException extends ErrorResponseException {

    public TooManyLoginAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                "Too many attempts. Try again in " + seconds(retryAfter) + " seconds."), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(retryAfter)));
    }
}
