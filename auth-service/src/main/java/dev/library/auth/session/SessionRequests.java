package dev.library.auth.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.library.auth.account.Usernames;

/** The request bodies of the session endpoints. */
final class SessionRequests {

    /** Longest value accepted for a refresh token; real ones are 43 characters. */
    static final int MAX_REFRESH_TOKEN_LENGTH = 256;

    private SessionRequests() {
    }

    /** No username is longer than the sign-up rule allows: a longer one is refused before any counter is kept. */
    record Login(@NotNull @Size(max = Usernames.MAX_LENGTH) String username, @NotNull @Size(max = 1024) String password) {
    }

    record Refresh(@JsonProperty("refresh_token") @NotBlank @Size(max = MAX_REFRESH_TOKEN_LENGTH) String refreshToken) {
    }
}
