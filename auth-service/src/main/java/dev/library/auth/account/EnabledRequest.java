package dev.library.auth.account;

import jakarta.validation.constraints.NotNull;

/** Whether the account may log in and use its tokens. */
public record EnabledRequest(@NotNull Boolean enabled) {
}
