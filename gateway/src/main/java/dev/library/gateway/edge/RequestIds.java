package dev.library.gateway.edge;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The first thing every request meets: it gets an {@code X-Request-Id} (the client's, when sane;
 * a new UUID otherwise), passed to the service and returned to the client, and one access-log
 * line when it completes, carrying the same id the services log.
 */
public class RequestIds implements WebFilter, Ordered {

    private final int managementPort;

    /** @param managementPort requests to this port (probes, scrapes) are not access-logged */
    public RequestIds(int managementPort) {
        this.managementPort = managementPort;
    }

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger access = LoggerFactory.getLogger("library.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, requestId))
                .build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        // Set just before the response is written, replacing the copy the proxied service sends back.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        long started = System.nanoTime();
        InetSocketAddress local = request.getLocalAddress();
        if (local != null && local.getPort() == managementPort) {
            return chain.filter(withId);
        }
        return chain.filter(withId).doFinally(signal -> access.info("{} {} {} {}ms requestId={} client={}",
                request.getMethod(), request.getURI().getRawPath(),
                withId.getResponse().getStatusCode() != null ? withId.getResponse().getStatusCode().value() : 0,
                (System.nanoTime() - started) / 1_000_000, requestId,
                request.getRemoteAddress() != null ? request.getRemoteAddress().getAddress().getHostAddress() : "-"));
    }
}
