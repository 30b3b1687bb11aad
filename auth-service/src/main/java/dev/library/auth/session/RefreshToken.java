package dev.library.auth.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One refresh token, stored only as the SHA-256 of its value. A token is good once: refreshing
 * marks it {@code rotatedAt} and records the hash of the token issued for it ({@code successorHash}).
 * Presenting it again within the retry grace window replaces that successor (the answer was lost);
 * after the window it is reuse, and revokes its family. A successor is stored before its predecessor
 * names it, so a token that has been rotated always names a successor that exists.
 */
@Document("refresh_tokens")
public record RefreshToken(@Id String hash, String familyId, String accountId, Instant issuedAt, Instant expiresAt,
        Instant rotatedAt, String successorHash, Boolean retired) {

    /** Replaced by a retry of its predecessor before anyone used it (not rotated by a refresh of its own). */
    public boolean isRetired() {
        return Boolean.TRUE.equals(retired);
    }
}
