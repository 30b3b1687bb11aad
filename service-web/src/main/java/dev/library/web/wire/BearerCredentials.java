package dev.library.web.wire;

/**
 * A well-formed {@code Authorization: Bearer <b64token>} header (RFC 6750, 2.1), read with a
 * character loop: the quick path before Spring Security's own bearer token readers, whose
 * case-insensitive regex showed in profiles of every authenticated request. Used by the services'
 * {@code BearerHeader} and the gateway's {@code BearerTokens}; anything this does not recognise
 * goes to Spring Security's reader, so refusals and errors stay Spring's.
 */
public final class BearerCredentials {

    private static final String SCHEME = "Bearer ";
    private static final char PADDING = '=';

    private BearerCredentials() {
    }

    /** The token of a well-formed bearer header (scheme in any case), or null for anything else. */
    public static String tokenOf(String authorizationHeader) {
        if (authorizationHeader != null && authorizationHeader.length() > SCHEME.length()
                && authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isToken68(authorizationHeader, SCHEME.length())) {
            return authorizationHeader.substring(SCHEME.length());
        }
        return null;
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
