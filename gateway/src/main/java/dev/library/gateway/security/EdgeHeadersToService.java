package dev.library.gateway.security;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The last word on the headers proxied to a service: the {@code X-Forwarded-*} values the edge
 * wrote ({@link ForwardedHeaders}) go out as written. Spring Cloud Gateway's own header filters run
 * first, and with its X-Forwarded support off (the edge does that job) one of them removes every
 * {@code X-Forwarded-*} header, so without this no service would learn the client's address; the
 * hop-by-hop removal could also drop them when a client names them in {@code Connection}.
 */
public class EdgeHeadersToService implements HttpHeadersFilter, Ordered {

    private static final List<String> EDGE_HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders output = new HttpHeaders();
        output.addAll(input);
        HttpHeaders written = exchange.getRequest().getHeaders();
        for (String name : EDGE_HEADERS) {
            String value = written.getFirst(name);
            if (value != null) {
                output.set(name, value);
            }
        }
        return output;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after every filter of Spring Cloud Gateway's own
    }
}
