package dev.library.web.wire;

/**
 * The details of the refusals every component gives in the same words. They never say why a
 * token was refused beyond "invalid or expired": that helps no client and every attacker.
 */
public final class ProblemTexts {

    public static final String AUTHENTICATION_REQUIRED = "Authentication is required: send a Bearer access token.";
    public static final String TOKEN_INVALID = "The access token is invalid or expired.";
    public static final String FORBIDDEN = "You are not allowed to do this.";
    /** The issuer's keys cannot be fetched: an outage (503), neither a bug nor the client's fault. */
    public static final String TOKEN_UNCHECKABLE = "The access token cannot be checked right now. Try again shortly.";
    public static final String UNEXPECTED = "An unexpected error occurred.";

    private ProblemTexts() {
    }
}
