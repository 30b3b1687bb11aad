package dev.library.gateway.problem;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.requests.IncomingRequests;
import dev.library.web.wire.RequestIdHeader;

/** The gateway's own errors in the system's one format: RFC 9457 problem+json with the request id. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        String requestId = exchange.getAttribute(IncomingRequests.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty(RequestIdHeader.PROBLEM_MEMBER, requestId);
        }
        return problem;
    }

    /** Answers the exchange with this problem (headers already set on the response are kept). */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail, JsonMapper json) {
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(of(status, detail, exchange));
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
