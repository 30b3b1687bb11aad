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

    /** Starts a new family (a login) and returns its first token's value. */
    public String startFamily(String accountId) {
        RefreshTokenFamily family = new RefreshTokenFamily(UUID.randomUUID().toString(), accountId, clock.instant(),
                null, null);
        mongo.insert(family);
        return issue(family.id(), accountId);
    }

    /** Issues the next token of a family and returns its value. */
    public String issue(String familyId, String accountId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        mongo.insert(new RefreshToken(hash(value), familyId, accountId, now, now.plus(properties.refreshTokenTtl()),
                null));
        return value;
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
