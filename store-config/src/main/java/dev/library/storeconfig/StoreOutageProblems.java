package dev.library.storeconfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.library.web.problem.Problems;

/**
 * A MongoDB that does not answer in time (see {@link MongoTimeoutProperties}) is an outage, not a
 * bug: 503 problem with {@code Retry-After}, no stack trace, and one log line per interval rather
 * than one per request. Matches the exception or any cause (a cache wraps its loader's failure).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreOutageProblems {

    private static final Logger log = LoggerFactory.getLogger(StoreOutageProblems.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Instant> lastLog = new AtomicReference<>(Instant.MIN);

    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class,
            MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception outage, HttpServletRequest request) {
        Instant now = clock.instant();
        Instant last = lastLog.get();
        if (now.isAfter(last.plus(LOG_INTERVAL)) && lastLog.compareAndSet(last, now)) {
            log.warn("MongoDB did not answer in time, answering 503 ({} {}): {}", request.getMethod(),
                    request.getRequestURI(), outage.toString());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "The data store is not answering right now. Try again shortly.", request));
    }
}
