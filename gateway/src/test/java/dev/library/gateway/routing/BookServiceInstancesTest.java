package dev.library.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class BookServiceInstancesTest {

    private static final URI FIRST = URI.create("http://127.0.0.1:8082");
    private static final URI SECOND = URI.create("http://127.0.0.1:8182");

    @Test
    void successiveBookServiceCallsGoToEachInstanceInTurnKeepingPathAndQuery() {
        List<URI> forwarded = forward(new BookServiceInstances(List.of(FIRST, SECOND)), Routes.BOOK_SERVICE, 4);

        assertThat(forwarded).containsExactly(
                URI.create("http://127.0.0.1:8082/api/books?page=3&size=20"),
                URI.create("http://127.0.0.1:8182/api/books?page=3&size=20"),
                URI.create("http://127.0.0.1:8082/api/books?page=3&size=20"),
                URI.create("http://127.0.0.1:8182/api/books?page=3&size=20"));
    }

    @Test
    void oneInstanceLeavesTheRoutesUrlAlone() {
        List<URI> forwarded = forward(new BookServiceInstances(List.of(SECOND)), Routes.BOOK_SERVICE, 2);

        assertThat(forwarded).containsOnly(URI.create("http://127.0.0.1:8082/api/books?page=3&size=20"));
    }

    @Test
    void otherRoutesAreNotSpread() {
        List<URI> forwarded = forward(new BookServiceInstances(List.of(FIRST, SECOND)), Routes.AUTH_SERVICE, 2);

        assertThat(forwarded).containsOnly(URI.create("http://127.0.0.1:8082/api/books?page=3&size=20"));
    }

    private static List<URI> forward(BookServiceInstances filter, String routeId, int calls) {
        List<URI> forwarded = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/books?page=3&size=20"));
            exchange.getAttributes().put(GATEWAY_ROUTE_ATTR,
                    Route.async().id(routeId).uri(FIRST).predicate(anything -> true).build());
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://127.0.0.1:8082/api/books?page=3&size=20"));
            filter.filter(exchange, routed -> {
                forwarded.add(routed.getAttribute(GATEWAY_REQUEST_URL_ATTR));
                return Mono.empty();
            }).block();
        }
        return forwarded;
    }
}
