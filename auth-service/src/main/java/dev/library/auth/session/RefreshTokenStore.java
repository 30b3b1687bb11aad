package dev.library.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.library.auth.token.TokenProperties;

/**
 * Refresh tokens and their families in MongoDB (durable: losing Redis never logs anyone out).
 * Values are 256 random bits; only their hashes are stored, so a database dump yields no usable token.
 */
@Component
public class RefreshTokenStore {

    private static final int TOKEN_BYTES = 32;
    /**
     * Compare-and-set rounds one refresh tries against concurrent retries of the same token; each
     * lost round means another request of the same client won one, so this is never reached in use.
     */
    private static final int MAX_RETRY_SWAPS = 64;

    private final MongoTemplate mongo;
    private final TokenProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokenStore(MongoTemplate mongo, TokenProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a new family (a login) and returns its id and its first token's value. */
    public NewFamily startFamily(String accountId) {
        RefreshTokenFamily family = new RefreshTokenFamily(UUID.randomUUID().toString(), accountId, clock.instant(),
                null, null);
        mongo.insert(family);
        return new NewFamily(family.id(), issue(family.id(), accountId));
    }

    public record NewFamily(String id, String firstToken) {
    }

    /** Issues the first token of a family and returns its value. */
    private String issue(String familyId, String accountId) {
        String value = newValue();
        insert(value, familyId, accountId);
        return value;
    }

    private String newValue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void insert(String value, String familyId, String accountId) {
        Instant now = clock.instant();
        mongo.insert(new RefreshToken(hash(value), familyId, accountId, now, now.plus(properties.refreshTokenTtl()),
                null, null, null));
    }

    /** What presenting a refresh token came to. */
    public sealed interface Refresh {
        /** A new token for {@code used}'s family: the first rotation, or a retry within the grace window. */
        record Rotated(RefreshToken used, String successor) implements Refresh {
        }

        /** A token already rotated, presented after the window or after its successor was used: theft. */
        record Reused(RefreshToken token) implements Refresh {
        }

        /** Unknown, expired, or too contended to settle (nothing is revoked). */
        record Refused() implements Refresh {
        }
    }

    /**
     * Exchanges a token for its successor, atomically. The successor is stored first, then one
     * conditional update marks the token rotated and names the successor in the same write, so a
     * concurrent request never sees a rotated token without a successor (which looked like reuse).
     * A token presented again within the grace window replaces its successor with a new one, by a
     * compare-and-set on the successor's name; concurrent retries each get their own new token,
     * the last one standing is the family's, the ones it replaced are retired (using them later is
     * reuse). Once the successor was used by a refresh of its own, a retry is reuse.
     */
    public Refresh refresh(String value) {
        String presented = hash(value);
        for (int attempt = 0; attempt < MAX_RETRY_SWAPS; attempt++) {
            RefreshToken token = mongo.findById(presented, RefreshToken.class);
            Instant now = clock.instant();
            if (token == null || !token.expiresAt().isAfter(now) && token.rotatedAt() == null) {
                return new Refresh.Refused();
            }
            String successor = newValue();
            insert(successor, token.familyId(), token.accountId());
            if (token.rotatedAt() == null) {
                Query unused = Query.query(Criteria.where("_id").is(presented).and("rotatedAt").is(null)
                        .and("expiresAt").gt(now));
                RefreshToken rotated = mongo.findAndModify(unused,
                        new Update().set("rotatedAt", now).set("successorHash", hash(successor)),
                        FindAndModifyOptions.options().returnNew(true), RefreshToken.class);
                if (rotated != null) {
                    return new Refresh.Rotated(rotated, successor);
                }
                discard(successor);
                continue; // rotated meanwhile by a concurrent request: this one is a retry
            }
            RefreshToken current = token.successorHash() == null ? null
                    : mongo.findById(token.successorHash(), RefreshToken.class);
            boolean successorUsed = current == null || current.rotatedAt() != null && !current.isRetired();
            if (token.isRetired() || successorUsed || now.isAfter(token.rotatedAt().plus(properties.refreshRetryGrace()))) {
                discard(successor);
                return new Refresh.Reused(token);
            }
            Query stillNamed = Query.query(Criteria.where("_id").is(presented).and("successorHash")
                    .is(token.successorHash()));
            if (mongo.findAndModify(stillNamed, Update.update("successorHash", hash(successor)),
                    RefreshToken.class) != null) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(token.successorHash()).and("rotatedAt").is(null)),
                        new Update().set("rotatedAt", now).set("retired", true), RefreshToken.class);
                return new Refresh.Rotated(token, successor);
            }
            discard(successor); // another retry replaced the successor meanwhile: look again
        }
        return new Refresh.Refused();
    }

    private void discard(String value) {
        mongo.remove(Query.query(Criteria.where("_id").is(hash(value))), RefreshToken.class);
    }

    public Optional<RefreshToken> find(String value) {
        return Optional.ofNullable(mongo.findById(hash(value), RefreshToken.class));
    }

    public Optional<RefreshTokenFamily> family(String familyId) {
        return Optional.ofNullable(mongo.findById(familyId, RefreshTokenFamily.class));
    }

    /** Revokes every family of an account (disabled, password changed). */
    public void revokeAllFamilies(String accountId, String reason) {
        mongo.updateMulti(Query.query(Criteria.where("accountId").is(accountId).and("revokedAt").is(null)),
                new Update().set("revokedAt", clock.instant()).set("revokedReason", reason), RefreshTokenFamily.class);
    }

    /** Whether the family (session) is live: it exists and is not revoked. */
    public boolean isLive(String familyId) {
        return familyId != null && family(familyId).filter(family -> !family.isRevoked()).isPresent();
    }

    /** Revokes a family; revoking an already revoked family keeps the first reason. */
    public void revokeFamily(String familyId, String reason) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(familyId).and("revokedAt").is(null)),
                new Update().set("revokedAt", clock.instant()).set("revokedReason", reason), RefreshTokenFamily.class);
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
