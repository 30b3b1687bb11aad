package dev.library.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The memory of verified tokens in front of either stack's decoder. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

    private final AtomicInteger verifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW);

    enum Stack {
        SERVLET, REACTIVE
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aRepeatedTokenIsVerifiedOncePerTimeToLive(Stack stack) {
        Function<String, Jwt> decoder = decoder(stack, jwtExpiringAt(NOW.plusSeconds(600)), 100);

        decoder.apply("token");
        Jwt recalled = decoder.apply("token");

        assertThat(verifications).hasValue(1);
        assertThat(recalled.getSubject()).isEqualTo("someone");
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aRememberedTokenThatHasSinceExpiredIsRefused(Stack stack) {
        Function<String, Jwt> decoder = decoder(stack, jwtExpiringAt(NOW.plusSeconds(30)), 100);
        decoder.apply("token");

        clock.now = NOW.plusSeconds(50); // past exp (the validator allows no skew), within the time to live

        assertThatThrownBy(() -> decoder.apply("token")).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("no longer valid");
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void afterTheTimeToLiveTheSignatureIsVerifiedAgain(Stack stack) {
        Function<String, Jwt> decoder = decoder(stack, jwtExpiringAt(NOW.plusSeconds(600)), 100);
        decoder.apply("token");

        clock.now = NOW.plus(TIME_TO_LIVE).plusSeconds(1);
        decoder.apply("token");

        assertThat(verifications).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aTokenThatFailedVerificationIsNotRemembered(Stack stack) {
        Function<String, Jwt> decoder = decoder(stack, null, 100);

        assertThatThrownBy(() -> decoder.apply("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.apply("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void whenFullItStartsOverSoItNeverHoldsMoreThanItsCapacity(Stack stack) {
        Function<String, Jwt> decoder = decoder(stack, jwtExpiringAt(NOW.plusSeconds(600)), 2);
        decoder.apply("first");
        decoder.apply("second");

        decoder.apply("third"); // full: forgets first and second
        decoder.apply("first");

        assertThat(verifications).hasValue(4);
    }

    /** A decoder of the stack behind the memory; its "verification" counts, and refuses when {@code jwt} is null. */
    private Function<String, Jwt> decoder(Stack stack, Jwt jwt, int capacity) {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        VerifiedTokens memory = new VerifiedTokens(validator, TIME_TO_LIVE, capacity, clock);
        if (stack == Stack.SERVLET) {
            JwtDecoder verifying = token -> verify(jwt);
            return memory.inFrontOf(verifying)::decode;
        }
        ReactiveJwtDecoder verifying = token -> Mono.fromSupplier(() -> verify(jwt));
        ReactiveJwtDecoder remembering = memory.inFrontOf(verifying);
        return token -> remembering.decode(token).block();
    }

    private Jwt verify(Jwt jwt) {
        verifications.incrementAndGet();
        if (jwt == null) {
            throw new BadJwtException("bad signature");
        }
        return jwt;
    }

    private static Jwt jwtExpiringAt(Instant expiry) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("someone")
                .issuedAt(expiry.minusSeconds(900)).expiresAt(expiry).audience(List.of("library-api")).build();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
