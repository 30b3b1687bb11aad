package dev.library.gateway.ratelimit;

import java.util.function.Supplier;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Throttling of the requests the edge refuses before routing (401s): they cost their client address like any other. */
public interface RefusalLimit {

    /** Answers with {@code refusal}, or with 429 when the client address has spent its limit. */
    Mono<Void> refuse(ServerWebExchange exchange, Supplier<Mono<Void>> refusal);
}
