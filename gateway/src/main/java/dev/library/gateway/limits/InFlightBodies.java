package dev.library.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.problem.Problems;
import dev.library.gateway.security.ClientAddress;

/**
 * A bound on the request bodies the edge receives and forwards at once, per client address and in
 * total (the part of Envoy's overload manager an edge with small bodies needs): a request with a body
 * over either bound is answered at once, 429 (this client has enough in flight) or 503 (the edge
 * has), before a byte of its body is read, so held bodies cannot add up to the direct memory the
 * server reads into. A body counts from its headers until its exchange ends, which the body deadlines
 * ({@link EdgeServer}) bound for a client that stops sending. Requests without a body are not counted.
 */
public class InFlightBodies implements WebFilter, Ordered {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final int maxTotal;
    private final int maxPerClient;
    private final JsonMapper json;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();

    public InFlightBodies(int maxTotal, int maxPerClient, JsonMapper json) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after IncomingRequests (the client address), before any work
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        String client = ClientAddress.of(exchange);
        if (perClient.merge(client, 1, Integer::sum) > maxPerClient) {
            release(client);
            return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many request bodies in flight from this client. Try again in a second.");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            release(client);
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The edge is receiving too many request bodies. Try again in a second.");
        }
        return chain.filter(exchange).doFinally(signal -> {
            total.decrementAndGet();
            release(client);
        });
    }

    /** Requests with a body in flight now, in total (for the gauge). */
    public int inFlight() {
        return total.get();
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return Problems.write(exchange, status, detail, json);
    }
}
