package dev.library.auth.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new account. The username is lower-cased before it is checked, so "Alice" signs up as "alice".
 * Argon2id hashes every character of the password, so nothing beyond 128 characters is cut.
 */
public record SignupRequest(
        @NotNull @Pattern(regexp = Usernames.PATTERN,
                message = "must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-'") String username,
        @NotNull @Size(max = 4 * Passwords.MAX_LENGTH, message = "must be 8 to 128 characters") String password) {

    public SignupRequest {
        username = Usernames.canonical(username);
    }
}
