package dev.library.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.library.gateway.security.ForwardedHeaders;

/**
 * What the edge sends upstream (and back): which headers a proxied call carries, one pass per
 * direction. What it accepts from a client in the first place is {@code security.ForwardedHeaders}. It replaces Spring Cloud Gateway's
 * generic header filters (see {@link Forwarding}), which copied the whole header map once each.
 *
 * <p>To the service: the request as the edge's filters left it, minus the hop-by-hop headers
 * (RFC 9110, 7.6.1: {@code Connection}, the headers it names, {@code Keep-Alive},
 * {@code Proxy-*}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}),
 * minus {@code Forwarded} and every {@code X-Forwarded-*} header except the three the edge wrote
 * itself ({@code security.ForwardedHeaders}), and minus {@code Content-Length} when the body has a
 * transfer coding (RFC 9112, 6.3: the coding wins). Back to the client: the service's response
 * minus its hop-by-hop headers.
 */
public final class ProxiedHeaders implements HttpHeadersFilter {

    /** Spring Cloud Gateway's list (its {@code RemoveHopByHopHeadersFilter}), kept as it was. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade");
    /** The forwarding headers the edge writes; any other a client or proxy sent stays behind. */
    private static final Set<String> EDGE_FORWARDED = ForwardedHeaders.WRITTEN;

    public static final ProxiedHeaders TO_SERVICE = new ProxiedHeaders(Type.REQUEST);
    public static final ProxiedHeaders TO_CLIENT = new ProxiedHeaders(Type.RESPONSE);

    private final Type direction;

    private ProxiedHeaders(Type direction) {
        this.direction = direction;
    }

    @Override
    public boolean supports(Type type) {
        return type == direction;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Set<String> named = namedInConnection(input);
        if (direction == Type.RESPONSE) {
            // The gateway built this map from the service's answer just now: trimmed in place.
            HOP_BY_HOP.forEach(input::remove);
            named.forEach(input::remove);
            return input;
        }
        boolean transferCoded = input.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (toService(name.toLowerCase(Locale.ROOT), named, transferCoded)) {
                output.put(name, values);
            }
        });
        return output;
    }

    private static boolean toService(String name, Set<String> namedInConnection, boolean transferCoded) {
        if (HOP_BY_HOP.contains(name) || namedInConnection.contains(name)) {
            return false;
        }
        if (name.startsWith("x-forwarded-")) {
            return EDGE_FORWARDED.contains(name);
        }
        return !name.equals("forwarded") && !(transferCoded && name.equals("content-length"));
    }

    private static Set<String> namedInConnection(HttpHeaders headers) {
        List<String> tokens = headers.getConnection();
        if (tokens.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String token : tokens) {
            names.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
