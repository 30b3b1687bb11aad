package dev.library.auth.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * A new account. The username is lower-cased before it is checked, so "Alice" signs up as "alice".
 * Argon2id hashes every character of the password, so nothing beyond 128 characters is cut.
 */
public record SignupRequest(
        @Schema(pattern = "^[A-Za-z0-9._-]{3,32}$",
                description = "Folded to lower case before it is checked and stored: Eve2988 signs up as eve2988.")
        @NotNull @ValidUsername String username,
        @Schema(minLength = Passwords.MIN_LENGTH, maxLength = Passwords.MAX_LENGTH,
                description = "Counted in Unicode code points; not only whitespace, not the username.")
        @NotNull String password) {

    public SignupRequest {
        username = Usernames.canonical(username);
    }
}
