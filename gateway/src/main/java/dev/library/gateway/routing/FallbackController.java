package dev.library.gateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.problem.Problems;
import dev.library.gateway.requests.IncomingRequests;
import dev.library.web.wire.Causes;
import dev.library.web.wire.RetryAfter;

/**
 * Where a route's circuit breaker sends a call that failed or was not attempted: a 503 problem
 * with {@code Retry-After} (504 when the service was too slow), never a hanging request or a
 * bare 500. Only for such forwards: a client asking for {@code /fallback/...} itself gets the 404
 * of any unrouted path (the breaker's failure is on the exchange only when it forwarded).
 * Logged at most once per interval per service: an outage must not flood the log.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Set<String> KNOWN_SERVICES = Set.of(Routes.AUTH_SERVICE, Routes.BOOK_SERVICE);
    /** How a service too slow to answer shows: the route's response or connect timeout. */
    private static final List<Class<? extends Throwable>> TIMEOUTS = List.of(TimeoutException.class,
            org.springframework.cloud.gateway.support.TimeoutException.class, ConnectTimeoutException.class,
            io.netty.handler.timeout.TimeoutException.class);

    private final GatewayProperties gateway;
    private final Map<String, AtomicReference<Instant>> lastLogs = new ConcurrentHashMap<>();

    FallbackController(GatewayProperties gateway) {
        this.gateway = gateway;
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null || !KNOWN_SERVICES.contains(service)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND); // asked for directly: not a route
        }
        HttpStatus status;
        String detail;
        long retryAfterSeconds;
        if (failure instanceof CallNotPermittedException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = service + " is failing; requests to it are paused for a moment.";
            retryAfterSeconds = RetryAfter.seconds(gateway.circuitBreaker().waitInOpenState());
        } else if (Causes.hasAny(failure, TIMEOUTS)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = service + " did not answer in time.";
            retryAfterSeconds = 1;
        } else {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = service + " is unavailable right now.";
            retryAfterSeconds = 1;
        }
        logNowAndThen(service, exchange, status, failure);
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail, exchange));
    }

    private void logNowAndThen(String service, ServerWebExchange exchange, HttpStatus status, Throwable failure) {
        AtomicReference<Instant> lastLog = lastLogs.computeIfAbsent(service, name -> new AtomicReference<>(Instant.MIN));
        Instant now = Instant.now();
        Instant last = lastLog.get();
        if (now.isAfter(last.plus(LOG_INTERVAL)) && lastLog.compareAndSet(last, now)) {
            log.warn("{} {} answered {} from the fallback of {} requestId={} (logged at most once per {}): {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), status.value(), service,
                    exchange.getAttribute(IncomingRequests.ATTRIBUTE), LOG_INTERVAL, failure.toString());
        }
    }
}
