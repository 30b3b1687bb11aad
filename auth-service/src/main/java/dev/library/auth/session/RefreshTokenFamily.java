package dev.library.auth.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The chain of refresh tokens that descends from one login. Revoking the family (logout, or a
 * reused token) ends every token in it at once.
 */
@Document("refresh_token_families")
public record RefreshTokenFamily(@Id String id, String accountId, Instant createdAt, Instant revokedAt,
        String revokedReason) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
