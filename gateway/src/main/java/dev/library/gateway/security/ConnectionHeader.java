package dev.library.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The client's {@code Connection} header, cleaned before the edge writes any header of its own.
 * Headers named in it are hop-by-hop (RFC 9110, 7.6.1): the proxy removes them on the way to the
 * service, and would remove whatever the edge had written under those names by then
 * ({@code X-Request-Id}, {@code X-Forwarded-For}). So the named headers the client sent go now,
 * and only the connection options themselves ({@code close}, {@code keep-alive}, {@code upgrade})
 * stay in {@code Connection}. Message framing ({@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}) is never removed on a client's say-so.
 */
public final class ConnectionHeader {

    private static final Set<String> CONNECTION_OPTIONS = Set.of("close", "keep-alive", "upgrade");
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding");

    private ConnectionHeader() {
    }

    public static void clean(HttpHeaders headers) {
        List<String> tokens = headers.getConnection();
        if (tokens.isEmpty()) {
            return;
        }
        List<String> options = new ArrayList<>();
        for (String token : tokens) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (CONNECTION_OPTIONS.contains(name)) {
                options.add(name);
            } else if (!name.isEmpty() && !FRAMING.contains(name)) {
                headers.remove(name);
            }
        }
        if (options.isEmpty()) {
            headers.remove(HttpHeaders.CONNECTION);
        } else {
            headers.setConnection(options);
        }
    }
}
