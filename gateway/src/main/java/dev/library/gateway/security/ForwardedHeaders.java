package dev.library.gateway.security;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers a service might trust are the edge's to write, not the client's. Unless the request
 * comes from a trusted proxy, this drops every {@code X-Forwarded-*}, {@code Forwarded},
 * {@code X-Real-IP} and {@code X-User-*} header the client sent, then writes
 * {@code X-Forwarded-For/Proto/Host/Port} from what the gateway itself saw.
 */
public class ForwardedHeaders implements WebFilter, Ordered {

    private static final List<String> SPOOFABLE_PREFIXES = List.of("x-forwarded-", "x-user-");
    private static final List<String> SPOOFABLE_NAMES = List.of("forwarded", "x-real-ip");

    private final Pattern trustedProxies;

    public ForwardedHeaders(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        String remoteAddress = remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : null;
        boolean trusted = trustedProxies != null && remoteAddress != null && trustedProxies.matcher(remoteAddress).matches();
        ServerHttpRequest cleaned = request.mutate().headers(headers -> {
            String forwardedFor = trusted ? headers.getFirst("X-Forwarded-For") : null;
            String forwardedProto = trusted ? headers.getFirst("X-Forwarded-Proto") : null;
            String forwardedHost = trusted ? headers.getFirst("X-Forwarded-Host") : null;
            if (!trusted) {
                List.copyOf(headers.headerNames()).stream().filter(ForwardedHeaders::spoofable).forEach(headers::remove);
            }
            if (remoteAddress != null) {
                headers.set("X-Forwarded-For", forwardedFor == null ? remoteAddress : forwardedFor + ", " + remoteAddress);
            }
            headers.set("X-Forwarded-Proto", forwardedProto != null ? forwardedProto : request.getURI().getScheme());
            String hostHeader = request.getHeaders().getFirst(HttpHeaders.HOST);
            String host = forwardedHost != null ? forwardedHost
                    : hostHeader != null ? hostHeader : request.getURI().getAuthority();
            if (host != null) {
                headers.set("X-Forwarded-Host", host);
            }
        }).build();
        ServerWebExchange forwarded = exchange.mutate().request(cleaned).build();
        forwarded.getAttributes().put(ClientAddress.ATTRIBUTE, clientAddress(cleaned.getHeaders().getFirst(
                "X-Forwarded-For"), remoteAddress));
        return chain.filter(forwarded);
    }

    /** The rightmost address in the chain that is not a trusted proxy: the client as far as can be known. */
    private String clientAddress(String forwardedFor, String remoteAddress) {
        if (forwardedFor == null) {
            return remoteAddress != null ? remoteAddress : "unknown";
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (trustedProxies == null || !trustedProxies.matcher(hop).matches()) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    private static boolean spoofable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SPOOFABLE_NAMES.contains(lower) || SPOOFABLE_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
