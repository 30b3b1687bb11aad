package dev.library.auth.account;

/**
 * Published when every session of an account must end (disabled, password changed): the session
 * side revokes all its refresh-token families.
 */
public record AccountSessionsEnded(String accountId, String reason) {
}
