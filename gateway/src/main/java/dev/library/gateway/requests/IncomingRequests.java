package dev.library.gateway.requests;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.library.gateway.security.ConnectionHeader;
import dev.library.gateway.security.ForwardedHeaders;
import dev.library.web.wire.RequestIdHeader;

/**
 * The edge's one rewrite of every incoming request, the first filter it meets: it gets an {@code X-Request-Id} (the client's, when sane;
 * a new UUID otherwise), passed to the service and returned to the client, and one access-log
 * line when it completes, carrying the same id the services log. In the same single copy of the
 * request it also cleans {@code Connection} ({@link ConnectionHeader}) and writes the forwarding
 * headers ({@link ForwardedHeaders}): each mutation copies the headers and wraps the exchange.
 */
public class IncomingRequests implements WebFilter, Ordered {

    private final int managementPort;
    private final ForwardedHeaders forwardedHeaders;

    /**
     * @param managementPort requests to this port (probes, scrapes) are not access-logged
     * @param forwardedHeaders the forwarding headers' rules
     */
    public IncomingRequests(int managementPort, ForwardedHeaders forwardedHeaders) {
        this.managementPort = managementPort;
        this.forwardedHeaders = forwardedHeaders;
    }

    /** The exchange attribute holding the request's id. */
    public static final String ATTRIBUTE = IncomingRequests.class.getName() + ".id";
    private static final Logger access = LoggerFactory.getLogger("library.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest received = exchange.getRequest();
        String requestId = RequestIdHeader.idFor(received.getHeaders().getFirst(RequestIdHeader.NAME));
        String[] clientAddress = new String[1];
        ServerHttpRequest request = received.mutate()
                .headers(headers -> {
                    ConnectionHeader.clean(headers); // first: it could name the headers the edge writes
                    headers.set(RequestIdHeader.NAME, requestId);
                    clientAddress[0] = forwardedHeaders.rewrite(headers, received);
                }).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        ForwardedHeaders.rememberClientAddress(withId, clientAddress[0]);
        // Set just before the response is written, replacing the copy the proxied service sends back.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(RequestIdHeader.NAME, requestId);
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
