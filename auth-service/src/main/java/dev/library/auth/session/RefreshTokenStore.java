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
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        mongo.insert(new RefreshToken(hash(value), familyId, accountId, now, now.plus(properties.refreshTokenTtl()),
                null, null));
        return value;
    }

    /** Issues the token that follows {@code used} in its family, records it as its successor, and returns it. */
    public String issueSuccessor(RefreshToken used) {
        String value = issue(used.familyId(), used.accountId());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(used.hash())), Update.update("successorHash", hash(value)),
                RefreshToken.class);
        return value;
    }

    /**
     * For a token presented again within the grace window after its rotation: retires its successor,
     * if that has not been used yet, and returns the token, so a new successor can be issued in its place.
     * Empty when this is no retry (no rotation, window passed, successor already used): that is reuse.
     */
    public Optional<RefreshToken> retry(String value) {
        RefreshToken used = mongo.findById(hash(value), RefreshToken.class);
        Instant now = clock.instant();
        if (used == null || used.rotatedAt() == null || used.successorHash() == null
                || now.isAfter(used.rotatedAt().plus(properties.refreshRetryGrace()))) {
            return Optional.empty();
        }
        Query unusedSuccessor = Query.query(Criteria.where("_id").is(used.successorHash()).and("rotatedAt").is(null));
        RefreshToken retired = mongo.findAndModify(unusedSuccessor, Update.update("rotatedAt", now),
                RefreshToken.class);
        return retired == null ? Optional.empty() : Optional.of(used);
    }

    /**
     * Atomically marks the token as used if it is unused and unexpired, and returns it. Of two
     * concurrent refreshes with one token, exactly one succeeds.
     */
    public Optional<RefreshToken> rotate(String value) {
        Instant now = clock.instant();
        Query usable = Query.query(Criteria.where("_id").is(hash(value)).and("rotatedAt").is(null)
                .and("expiresAt").gt(now));
        return Optional.ofNullable(mongo.findAndModify(usable, Update.update("rotatedAt", now),
                FindAndModifyOptions.options().returnNew(true), RefreshToken.class));
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
