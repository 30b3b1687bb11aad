package dev.library.auth.account;

import java.util.Set;

import jakarta.validation.constraints.NotNull;

/** The complete set of roles an account should have; USER is always kept. */
public record RolesRequest(@NotNull Set<@NotNull Role> roles) {
}
