package dev.library.auth.token;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.*}: who issues tokens and how long they live.
 *
 * @param issuer          the {@code iss} claim and the base of the discovery document; must be the
 *                        URL at which other components reach this service
 * @param accessTokenTtl  lifetime of an access token
 * @param adminAccessTokenTtl lifetime of an access token carrying ADMIN: shorter, because services
 *                        that trust the token's roles without a lookup (book-service) honour a
 *                        demoted admin's token until it expires
 * @param refreshTokenTtl lifetime of a refresh token (each rotation starts a new one)
 * @param refreshRetryGrace how long after a rotation the same refresh token may be presented again
 *                        (a client retrying after a lost answer) and get a new pair instead of
 *                        revoking its family
 * @param signingKeys     where the RSA signing keys come from
 */
@ConfigurationProperties("library.auth")
public record TokenProperties(String issuer, Duration accessTokenTtl, Duration adminAccessTokenTtl,
        Duration refreshTokenTtl,
        Duration refreshRetryGrace, SigningKeys signingKeys) {

    /** The lifetime of an access token for this account's roles. */
    public Duration accessTokenTtl(boolean admin) {
        return admin && adminAccessTokenTtl != null ? adminAccessTokenTtl : accessTokenTtl;
    }

    /**
     * @param dir               directory of PEM keys; the file whose name sorts last signs
     * @param generateIfMissing generate one key there when it holds none
     * @param keySize           RSA modulus size for a generated key (at least 2048)
     */
    public record SigningKeys(Path dir, boolean generateIfMissing, int keySize) {
    }
}
