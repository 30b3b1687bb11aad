package dev.library.auth.account;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A password change: the current password proves it is the user, not just a copied token. */
public record PasswordChangeRequest(
        @JsonProperty("current_password") @NotNull @Size(max = 1024) String currentPassword,
        @JsonProperty("new_password") @NotNull @Size(max = 4 * Passwords.MAX_LENGTH, message = "must be 8 to 128 characters")
        String newPassword) {
}
