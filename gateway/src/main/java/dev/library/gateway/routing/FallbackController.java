package dev.library.gateway.routing;

import java.util.List;
import java.util.concurrent.TimeoutException;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.problem.Problems;
import dev.library.gateway.requestid.RequestIds;
import dev.library.web.wire.Causes;
import dev.library.web.wire.RetryAfter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;

/**
 * Where a route's circuit breaker sends a call that failed or was not attempted: a 503 problem
 * with {@code Retry-After} (504 when the service was too slow), never a hanging request or a
 * bare 500.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    /** How a service too slow to answer shows: the route's response or connect timeout, the breaker's time limit. */
    private static final List<Class<? extends Throwable>> TIMEOUTS = List.of(TimeoutException.class,
            org.springframework.cloud.gateway.support.TimeoutException.class, ConnectTimeoutException.class,
            io.netty.handler.timeout.TimeoutException.class);

    private final GatewayProperties gateway;

    FallbackController(GatewayProperties gateway) {
        this.gateway = gateway;
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
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
        log.warn("{} {} answered {} from the fallback of {} requestId={}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), status.value(), service, exchange.getAttribute(RequestIds.ATTRIBUTE),
                failure == null ? "no exception" : failure.toString());
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail, exchange));
    }
}
