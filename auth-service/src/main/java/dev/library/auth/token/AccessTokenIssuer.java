package dev.library.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import dev.library.auth.account.Account;
import dev.library.auth.account.Role;
import dev.library.jwt.LibraryTokens;

/**
 * Signs access tokens: RS256 with the newest key, short-lived, carrying the user's roles, the
 * account's token version and the session (refresh-token family) they were issued in.
 */
@Component
public class AccessTokenIssuer {

    /** The account's token version at issue time; privileged calls refuse tokens of an older one. */
    public static final String TOKEN_VERSION_CLAIM = "ver";
    /** The session (refresh-token family) id; privileged calls refuse tokens of an ended session. */
    public static final String SESSION_CLAIM = "sid";

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;

    public AccessTokenIssuer(JwtEncoder encoder, SigningKeys keys, TokenProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedAccessToken issue(Account account, String sessionId) {
        Instant now = clock.instant();
        Duration ttl = properties.accessTokenTtl(account.isAdmin());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(account.getId())
                .audience(java.util.List.of(LibraryTokens.AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim(LibraryTokens.USERNAME_CLAIM, account.getUsername())
                .claim(LibraryTokens.ROLES_CLAIM, account.getRoles().stream().sorted().map(Role::name).toList())
                .claim(TOKEN_VERSION_CLAIM, account.getTokenVersion())
                .claim(SESSION_CLAIM, sessionId)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.signingKey().getKeyID()).type("JWT").build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedAccessToken(value, ttl.toSeconds());
    }

    public record IssuedAccessToken(String value, long expiresInSeconds) {
    }
}
