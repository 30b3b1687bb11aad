package dev.library.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * Access tokens as a resource server sees them: verified by an independent Nimbus processor that
 * knows nothing but the published JWKS, and refused by this service when forged. (Every validation
 * rule is specified once, in jwt-validation's TokenRulesTest.)
 */
class AccessTokenTest extends AuthServiceTest {

    @Test
    void anAccessTokenVerifiesAgainstThePublishedJwksAlone() throws Exception {
        String username = uniqueUsername("verified");
        String id = signUp(username, "a good password").json().get("id").asString();
        String token = login(username, "a good password").json().get("access_token").asString();
        JWKSet published = JWKSet.parse(api.get("/.well-known/jwks.json").body());
        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(published)));

        JWTClaimsSet claims = verifier.process(token, null);

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getAudience()).containsExactly("library-api");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getIssueTime()).isEqualTo(claims.getNotBeforeTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAccessTokenIsRs256WithTheKidOfA2048BitPublishedKey() throws Exception {
        String token = newSession(uniqueUsername("header")).json().get("access_token").asString();
        JWSHeader header = SignedJWT.parse(token).getHeader();
        JWKSet published = JWKSet.parse(api.get("/.well-known/jwks.json").body());

        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) published.getKeyByKeyId(header.getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.size()).isGreaterThanOrEqualTo(2048);
    }

    @Test
    void theJwksPublishesNoPrivateKeyMaterial() {
        String jwks = api.get("/.well-known/jwks.json").body();

        assertThat(jwks).contains("\"n\"").contains("\"e\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void theDiscoveryDocumentPointsAtTheJwks() {
        HttpApi.Response discovery = api.get("/.well-known/openid-configuration");

        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.json().get("jwks_uri").asString()).isEqualTo(ISSUER + "/.well-known/jwks.json");
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(serviceKey().getKeyID()).generate();
        Instant now = Instant.now();

        String token = sign(stranger, claims(ISSUER, "library-api", now, now.plusSeconds(300)));

        assertThat(me(token).status()).isEqualTo(401);
    }

    /** A validly signed token naming no subject was a 500 (no account id to look up); it is invalid. */
    @Test
    void aSignedTokenWithoutASubjectIsRefusedWith401() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet withSubject = claims(ISSUER, "library-api", now, now.plusSeconds(300));
        JWTClaimsSet noSubject = new JWTClaimsSet.Builder(withSubject).subject(null).build();

        HttpApi.Response response = me(sign(serviceKey(), noSubject));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    private HttpApi.Response me(String token) {
        return api.get("/api/auth/me", "Authorization", HttpApi.bearer(token));
    }

    private static JWTClaimsSet claims(String issuer, String audience, Instant notBefore, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("000000000000000000000000")
                .audience(List.of(audience)).issueTime(Date.from(notBefore)).notBeforeTime(Date.from(notBefore))
                .claim("roles", List.of("USER", "ADMIN")).claim("preferred_username", "forged");
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        return claims.build();
    }

    /** The service's own signing key, read from the key directory the tests configured. */
    private static RSAKey serviceKey() {
        return SigningKeys.load(new TokenProperties.SigningKeys(SIGNING_KEYS, false, 2048)).signingKey();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

}
