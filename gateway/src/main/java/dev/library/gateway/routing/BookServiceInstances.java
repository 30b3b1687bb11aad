package dev.library.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Spreads book-service calls over several instances, round robin, when
 * {@code library.gateway.book-service-uri} lists more than one (as {@code ./run
 * --book-service-instances 2} does). On Kubernetes it lists one Service URL and the Service spreads
 * the gateway's connections over the pods; see docs/scale-out.md. Runs right after the route's URL
 * is resolved, so a retry (which runs the chain again) goes to the next instance.
 */
final class BookServiceInstances implements GlobalFilter, Ordered {

    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private final List<URI> instances;
    private final AtomicInteger next = new AtomicInteger();

    BookServiceInstances(List<URI> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("library.gateway.book-service-uri lists no instance");
        }
        this.instances = List.copyOf(instances);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (instances.size() > 1 && route != null && url != null && Routes.BOOK_SERVICE.equals(route.getId())) {
            URI instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, UriComponentsBuilder.fromUri(url)
                    .scheme(instance.getScheme()).host(instance.getHost()).port(instance.getPort())
                    .build(true).toUri());
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
