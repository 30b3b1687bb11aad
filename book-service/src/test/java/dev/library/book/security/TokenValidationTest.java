package dev.library.book.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

import dev.library.book.BookServiceTest;
import dev.library.book.TestIssuer;
import dev.library.testhttp.HttpApi;

/** book-service checks every token itself, whoever forwarded it. */
class TokenValidationTest extends BookServiceTest {

    @Test
    void noTokenIs401Problem() {
        HttpApi.Response response = api.get("/api/books");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aUserReadsBooks() {
        assertThat(get("/api/books").status()).isEqualTo(200);
    }

    @Test
    void aUserMayNotWrite() {
        HttpApi.Response response = api.post("/api/books", json(book("Not yours", uniqueTag())), "Authorization",
                HttpApi.bearer(ISSUER.user()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String token = ISSUER.token(ISSUER.claims("USER").issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build());

        assertThat(read(token)).isEqualTo(401);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(15));
        String token = ISSUER.token(ISSUER.claims("USER").issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(Instant.now().minusSeconds(30))).build());

        assertThat(read(token)).isEqualTo(200);
    }

    @Test
    void aTokenNotYetValidBeyondTheClockSkewIs401() {
        String token = ISSUER.token(ISSUER.claims("USER")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build());

        assertThat(read(token)).isEqualTo(401);
    }

    @Test
    void aTokenWithoutExpiryIs401() {
        String token = ISSUER.token(ISSUER.claims("USER").expirationTime(null).build());

        assertThat(read(token)).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertThat(read(ISSUER.token(ISSUER.claims("USER").audience(List.of("other-api")).build()))).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        assertThat(read(ISSUER.token(ISSUER.claims("USER").issuer("http://evil.test").build()))).isEqualTo(401);
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidIs401() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).generate();

        assertThat(read(TestIssuer.sign(stranger, "test-key", ISSUER.claims("USER", "ADMIN").build()))).isEqualTo(401);
    }

    @Test
    void anUnsignedTokenIs401() {
        JWTClaimsSet claims = ISSUER.claims("USER", "ADMIN").build();

        assertThat(read(new PlainJWT(claims).serialize())).isEqualTo(401);
    }

    @Test
    void aFloodOfUnknownKeyIdsCausesAtMostTwoJwksFetchesPerInterval() {
        read(ISSUER.user()); // keys cached
        int before = ISSUER.jwksFetches();

        for (int i = 0; i < 200; i++) {
            assertThat(read(ISSUER.tokenWithKid("forged-" + i, ISSUER.claims("USER").build()))).isEqualTo(401);
        }

        // Nimbus's rate limiter lets two fetches through per 5 s interval (the second one for a key
        // rotation at the issuer); the other unknown kids are refused without a fetch.
        assertThat(ISSUER.jwksFetches() - before).isLessThanOrEqualTo(2);
        assertThat(read(ISSUER.user())).isEqualTo(200);
    }

    private int read(String token) {
        return api.get("/api/books", "Authorization", HttpApi.bearer(token)).status();
    }
}
