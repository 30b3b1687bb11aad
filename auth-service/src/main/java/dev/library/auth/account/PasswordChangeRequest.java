package dev.library.auth.account;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A password change: the current password proves it is the user, not just a copied token. */
public record PasswordChangeRequest(
        @JsonProperty("current_password") @NotNull @Size(max = 1024) String currentPassword,
        @JsonProperty("new_password") @NotNull
        @Schema(minLength = Passwords.MIN_LENGTH, maxLength = Passwords.MAX_LENGTH,
                description = "Counted in Unicode code points; not only whitespace, not the username.")
        String newPassword) {
}
