package dev.library.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer token resolver with a quick path: a well-formed {@code Authorization:
 * Bearer <token>} header is read with a character loop instead of the default's case-insensitive
 * regex (~8% of a cached page read's CPU in a profile). Anything else (no header, another scheme, a
 * malformed token) goes to {@link DefaultBearerTokenResolver}, so every decision and error is the
 * default's. Like the default, tokens in query or form parameters are not accepted.
 */
public final class BearerHeader implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";
    private static final char PADDING = '=';

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isToken68(header, SCHEME.length())) {
            return header.substring(SCHEME.length());
        }
        return fallback.resolve(request);
    }

    /** RFC 6750's b64token: [A-Za-z0-9-._~+/]+ then any number of '='. */
    private static boolean isToken68(String text, int from) {
        int i = from;
        while (i < text.length() && isTokenCharacter(text.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < text.length() && text.charAt(i) == PADDING) {
            i++;
        }
        return i == text.length();
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
