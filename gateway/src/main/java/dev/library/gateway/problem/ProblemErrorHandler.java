package dev.library.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.requests.IncomingRequests;
import dev.library.gateway.routing.ClientFailures;
import dev.library.web.wire.Causes;
import dev.library.web.wire.ProblemTexts;

/**
 * Every error the gateway itself raises (no route, body too large, a service that cannot be
 * reached, a bug) leaves as a problem response; only 5xx are logged, with the request id.
 */
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JsonMapper json;

    public ProblemErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = ProblemTexts.UNEXPECTED;
        if (error instanceof ResponseStatusException statusError) {
            status = statusError.getStatusCode();
            // Only our own reasons are shown; framework reasons can describe internals.
            detail = statusError.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()
                    && statusError.getReason() != null ? statusError.getReason() : describe(status);
        }
        if (ClientFailures.isClients(error)) {
            // The client's body stopped arriving (the connection is being closed): not the edge's failure.
            status = HttpStatus.REQUEST_TIMEOUT;
            detail = "The request body did not arrive in time.";
        }
        if (Causes.has(error, AuthenticationServiceException.class)) {
            // The token could not be checked at all (the issuer's keys are unreachable): an outage, not a bug.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = ProblemTexts.TOKEN_UNCHECKABLE;
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        if (status.is5xxServerError()) {
            log.warn("{} {} failed with {} requestId={}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), status.value(), exchange.getAttribute(IncomingRequests.ATTRIBUTE),
                    error.toString());
        }
        return Problems.write(exchange, status, detail, json);
    }

    private static String describe(HttpStatusCode status) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "There is nothing at this path.";
        }
        if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return "The service did not answer in time.";
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return "The service is unavailable right now.";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null && status.is4xxClientError() ? known.getReasonPhrase() + "." : ProblemTexts.UNEXPECTED;
    }
}
