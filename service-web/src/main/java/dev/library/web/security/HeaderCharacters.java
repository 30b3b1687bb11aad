package dev.library.web.security;

import java.util.regex.Pattern;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rules for header names and values, as {@link StrictHttpFirewall} has them by
 * default (assigned code points, no control characters; a value may hold tabs), checked without a
 * regular expression when the text is ASCII. The default runs a Unicode-class regex over every
 * header read, the 800-character bearer token included: about a tenth of a cached book page's CPU
 * in a profile.
 */
public final class HeaderCharacters {

    /** {@link StrictHttpFirewall}'s own patterns, for anything beyond ASCII. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
    private static final char TAB = '\t';
    private static final char FIRST_PRINTABLE = ' ';
    private static final char DELETE = 0x7f;
    private static final char FIRST_NON_ASCII = 0x80;

    private HeaderCharacters() {
    }

    /** Whether {@code text} may be a header's name. */
    public static boolean allowedName(String text) {
        return allowed(text, false, NAME);
    }

    /** Whether {@code text} may be a header's value. */
    public static boolean allowedValue(String text) {
        return allowed(text, true, VALUE);
    }

    private static boolean allowed(String text, boolean tabAllowed, Pattern beyondAscii) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST_NON_ASCII) {
                return beyondAscii.matcher(text).matches();
            }
            if ((c < FIRST_PRINTABLE && !(tabAllowed && c == TAB)) || c == DELETE) {
                return false;
            }
        }
        return true;
    }

    /** Spring Security's strict firewall, with these rules for header names and values. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }
}
