package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aRepeatedTokenIsVerifiedOncePerTimeToLive() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        VerifiedTokenCache cache = cache(Clock.fixed(now, ZoneOffset.UTC), jwtExpiringAt(now.plusSeconds(600)));

        cache.decode("token").block();
        cache.decode("token").block();

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenThatHasExpiredIsRefused() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        MutableClock clock = new MutableClock(now);
        VerifiedTokenCache cache = cache(clock, jwtExpiringAt(now.plusSeconds(30)));
        cache.decode("token").block();

        clock.now = now.plusSeconds(50); // past exp + the validator's 0 s skew, within the cache TTL

        assertThatThrownBy(() -> cache.decode("token").block()).hasMessageContaining("no longer valid");
    }

    @Test
    void afterTheTimeToLiveTheSignatureIsVerifiedAgain() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        MutableClock clock = new MutableClock(now);
        VerifiedTokenCache cache = cache(clock, jwtExpiringAt(now.plusSeconds(600)));
        cache.decode("token").block();

        clock.now = now.plusSeconds(61);
        cache.decode("token").block();

        assertThat(verifications).hasValue(2);
    }

    private VerifiedTokenCache cache(Clock clock, Jwt jwt) {
        ReactiveJwtDecoder verifying = token -> Mono.fromSupplier(() -> {
            verifications.incrementAndGet();
            return jwt;
        });
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return new VerifiedTokenCache(verifying, validator, Duration.ofMinutes(1), 100, clock);
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
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
