package dev.library.auth.account;

import java.util.Locale;

/** Usernames are compared and stored in one canonical form: trimmed of nothing, lower-cased. */
public final class Usernames {

    /** 3 to 32 of lower-case letters, digits, dot, underscore and hyphen (after lower-casing). */
    public static final String PATTERN = "^[a-z0-9._-]{3,32}$";
    /** The longest username there can be: a login naming a longer one is refused before any lookup. */
    public static final int MAX_LENGTH = 32;

    private Usernames() {
    }

    public static String canonical(String username) {
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }
}
