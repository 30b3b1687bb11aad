package dev.library.gateway.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the edge accepts from a client: headers a service might trust are the edge's to write, not
 * the client's. Unless the request comes from a trusted proxy, this drops every
 * {@code X-Forwarded-*}, {@code Forwarded}, {@code X-Real-IP} and {@code X-User-*} header the
 * client sent, then writes {@code X-Forwarded-For/Proto/Host} ({@link #WRITTEN}) from what the
 * gateway itself saw. It edits the headers {@code requests.IncomingRequests} is already rewriting,
 * so a request is copied once for both. What the edge then sends upstream is the other concern,
 * {@code routing.ProxiedHeaders}: it passes on these three and no other forwarding header.
 */
public class ForwardedHeaders {

    /** The forwarding headers the edge writes (lower case): the only ones a service receives. */
    public static final Set<String> WRITTEN = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");

    private static final List<String> SPOOFABLE_PREFIXES = List.of("x-forwarded-", "x-user-");
    private static final List<String> SPOOFABLE_NAMES = List.of("forwarded", "x-real-ip");

    private final Pattern trustedProxies;

    public ForwardedHeaders(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    /**
     * Rewrites {@code headers} (the mutable copy of {@code request}'s) and returns the client's
     * address as far as it can be known, for {@link #rememberClientAddress}.
     */
    public String rewrite(HttpHeaders headers, ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String remoteAddress = remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : null;
        boolean trusted = trustedProxies != null && remoteAddress != null && trustedProxies.matcher(remoteAddress).matches();
        String forwardedFor = trusted ? headers.getFirst("X-Forwarded-For") : null;
        String forwardedProto = trusted ? headers.getFirst("X-Forwarded-Proto") : null;
        String forwardedHost = trusted ? headers.getFirst("X-Forwarded-Host") : null;
        if (!trusted) {
            removeSpoofable(headers);
        }
        String chain = null;
        if (remoteAddress != null) {
            chain = forwardedFor == null ? remoteAddress : forwardedFor + ", " + remoteAddress;
            headers.set("X-Forwarded-For", chain);
        }
        headers.set("X-Forwarded-Proto", forwardedProto != null ? forwardedProto : request.getURI().getScheme());
        String hostHeader = headers.getFirst(HttpHeaders.HOST);
        String host = forwardedHost != null ? forwardedHost
                : hostHeader != null ? hostHeader : request.getURI().getAuthority();
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        return clientAddress(chain, remoteAddress);
    }

    /** Keeps what {@link #rewrite} determined for {@link ClientAddress#of}. */
    public static void rememberClientAddress(ServerWebExchange exchange, String clientAddress) {
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, clientAddress);
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

    private static void removeSpoofable(HttpHeaders headers) {
        List<String> spoofed = null;
        for (String name : headers.headerNames()) {
            if (spoofable(name)) {
                if (spoofed == null) {
                    spoofed = new ArrayList<>(2);
                }
                spoofed.add(name);
            }
        }
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
    }

    private static boolean spoofable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SPOOFABLE_NAMES.contains(lower) || SPOOFABLE_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
