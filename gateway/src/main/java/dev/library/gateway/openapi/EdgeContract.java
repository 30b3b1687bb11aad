package dev.library.gateway.openapi;

import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the edge decides about each operation, as the public description must say it: which paths
 * it routes ({@code routing.Routes}) and which operations it lets through without a token
 * ({@code security.EdgeSecurity}). The end-to-end specifications check both against the running
 * gateway (ApiDescriptionTest), so this table cannot drift from them unnoticed.
 */
final class EdgeContract {

    private static final List<PathPattern> ROUTED = parse("/api/auth/**", "/.well-known/jwks.json", "/api/books",
            "/api/books/**", "/api/ping");
    private static final Set<String> OPEN = Set.of("POST /api/auth/signup", "POST /api/auth/login",
            "POST /api/auth/refresh", "GET /api/ping", "GET /.well-known/jwks.json");

    private EdgeContract() {
    }

    static boolean routes(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return ROUTED.stream().anyMatch(pattern -> pattern.matches(container));
    }

    static boolean open(String method, String path) {
        return OPEN.contains(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
    }

    private static List<PathPattern> parse(String... patterns) {
        return java.util.Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
