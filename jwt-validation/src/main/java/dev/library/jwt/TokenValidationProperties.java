package dev.library.jwt;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.*} of a token validator (the gateway, book-service): whose tokens are
 * accepted and where their keys are published. Absent durations take the defaults below.
 *
 * @param issuer                 the {@code iss} every token must carry
 * @param jwksUri                the issuer's JWKS, e.g. {@code http://auth-service:8081/.well-known/jwks.json}
 * @param jwksCacheTtl           how long a fetched key set is used before it is fetched again (5 min)
 * @param jwksMinRefreshInterval the shortest time between two fetches, whatever the tokens say (5 s)
 * @param jwksOutageTolerance    how long the last good key set is used while fetching fails (1 h)
 * @param jwksTimeout            connect and read timeout of one fetch (2 s)
 * @param verifiedTokenTtl       how long a token whose signature was verified is recalled without
 *                               verifying it again; its claims are checked on every use (1 min)
 * @param verifiedTokenCapacity  how many verified tokens are recalled at most (10 000)
 */
@ConfigurationProperties("library.auth")
public record TokenValidationProperties(String issuer, URI jwksUri, Duration jwksCacheTtl,
        Duration jwksMinRefreshInterval, Duration jwksOutageTolerance, Duration jwksTimeout,
        Duration verifiedTokenTtl, Integer verifiedTokenCapacity) {

    public TokenValidationProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("library.auth.issuer is required");
        }
        if (jwksUri == null) {
            throw new IllegalArgumentException("library.auth.jwks-uri is required");
        }
        jwksCacheTtl = jwksCacheTtl != null ? jwksCacheTtl : Duration.ofMinutes(5);
        jwksMinRefreshInterval = jwksMinRefreshInterval != null ? jwksMinRefreshInterval : Duration.ofSeconds(5);
        jwksOutageTolerance = jwksOutageTolerance != null ? jwksOutageTolerance : Duration.ofHours(1);
        jwksTimeout = jwksTimeout != null ? jwksTimeout : Duration.ofSeconds(2);
        verifiedTokenTtl = verifiedTokenTtl != null ? verifiedTokenTtl : Duration.ofMinutes(1);
        verifiedTokenCapacity = verifiedTokenCapacity != null ? verifiedTokenCapacity : 10_000;
    }

    /** Tokens from {@code issuer}, keys at {@code jwksUri}, every other setting at its default. */
    public static TokenValidationProperties of(String issuer, URI jwksUri) {
        return new TokenValidationProperties(issuer, jwksUri, null, null, null, null, null, null);
    }
}
