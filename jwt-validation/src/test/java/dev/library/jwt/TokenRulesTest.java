package dev.library.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import dev.library.testhttp.TestIssuer;

/**
 * The rules every library component applies to an access token, specified once, against both
 * decoders {@link RemoteJwks} builds (servlet and reactive) and a real issuer publishing its JWKS
 * over HTTP. The components each keep one smoke test that they apply them.
 */
class TokenRulesTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static final RemoteJwks JWKS = new RemoteJwks(
            TokenValidationProperties.of(TestIssuer.ISSUER, URI.create(ISSUER.jwksUri())));

    /** The two decoders, as one function: a token in, its claims out, or a {@link JwtException}. */
    enum Stack {
        SERVLET, REACTIVE;

        private static final Function<String, Jwt> SERVLET_DECODER = decoder(SERVLET, JWKS);
        private static final Function<String, Jwt> REACTIVE_DECODER = decoder(REACTIVE, JWKS);

        Jwt decode(String token) {
            return (this == SERVLET ? SERVLET_DECODER : REACTIVE_DECODER).apply(token);
        }

        /** A new decoder of this stack, with its own key cache. */
        static Function<String, Jwt> decoder(Stack stack, RemoteJwks jwks) {
            if (stack == SERVLET) {
                return jwks.decoder()::decode;
            }
            ReactiveJwtDecoder reactive = jwks.reactiveDecoder();
            return token -> reactive.decode(token).block();
        }
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenOfTheIssuerIsAcceptedWithItsSubjectAndRoles(Stack stack) {
        Jwt jwt = stack.decode(ISSUER.token(ISSUER.claims("USER", "ADMIN").subject("reader-1").build()));

        assertThat(jwt.getSubject()).isEqualTo("reader-1");
        assertThat(jwt.getClaimAsStringList(LibraryTokens.ROLES_CLAIM)).containsExactly("USER", "ADMIN");
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void anExpiredTokenIsRefused(Stack stack) {
        Instant past = Instant.now().minus(Duration.ofHours(1));

        assertRefused(stack, ISSUER.token(ISSUER.claims("USER").issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenExpiredWithinTheClockSkewIsStillAccepted(Stack stack) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(15));

        assertThat(stack.decode(ISSUER.token(ISSUER.claims("USER").issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(Instant.now().minusSeconds(30))).build())))
                .isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenNotYetValidBeyondTheClockSkewIsRefused(Stack stack) {
        assertRefused(stack, ISSUER.token(ISSUER.claims("USER")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenWithoutExpiryIsRefused(Stack stack) {
        assertRefused(stack, ISSUER.token(ISSUER.claims("USER").expirationTime(null).build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenForAnotherAudienceIsRefused(Stack stack) {
        assertRefused(stack, ISSUER.token(ISSUER.claims("USER").audience(List.of("other-api")).build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenFromAnotherIssuerIsRefused(Stack stack) {
        assertRefused(stack, ISSUER.token(ISSUER.claims("USER").issuer("http://evil.test").build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenSignedByAnotherKeyWithTheSameKidIsRefused(Stack stack) throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).generate();

        assertRefused(stack, TestIssuer.sign(stranger, "test-key", ISSUER.claims("USER", "ADMIN").build()));
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void anUnsignedTokenIsRefused(Stack stack) {
        assertRefused(stack, new PlainJWT(ISSUER.claims("USER", "ADMIN").build()).serialize());
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aFloodOfUnknownKeyIdsCausesAtMostTwoJwksFetchesPerInterval(Stack stack) {
        // An interval longer than the flood takes on a slow machine, so the flood is within one interval.
        Duration interval = Duration.ofMinutes(1);
        Function<String, Jwt> decoder = Stack.decoder(stack, new RemoteJwks(new TokenValidationProperties(
                TestIssuer.ISSUER, URI.create(ISSUER.jwksUri()), null, interval, null, null, null, null)));
        decoder.apply(ISSUER.user()); // keys cached
        int before = ISSUER.jwksFetches();

        for (int i = 0; i < 200; i++) {
            String forged = ISSUER.tokenWithKid("forged-" + i, ISSUER.claims("USER").build());
            assertThatThrownBy(() -> decoder.apply(forged)).isInstanceOf(JwtException.class);
        }

        // Nimbus's rate limiter lets two fetches through per interval (the second one for a key
        // rotation at the issuer); the other unknown kids are refused without a fetch.
        assertThat(ISSUER.jwksFetches() - before).isLessThanOrEqualTo(2);
        assertThat(decoder.apply(ISSUER.user())).isNotNull();
    }

    private static void assertRefused(Stack stack, String token) {
        assertThatThrownBy(() -> stack.decode(token)).isInstanceOf(JwtException.class);
    }
}
