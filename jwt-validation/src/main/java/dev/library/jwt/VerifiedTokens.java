package dev.library.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A short memory of tokens whose signature this process has verified, put in front of a decoder:
 * a client sending the same token on every request costs one RSA verification (and Base64 decoding
 * of the whole token) per {@code timeToLive} instead of per request — in a profile of book-service's
 * cached page read, that was about half of the request's CPU. Only the exact bytes that were
 * verified are recalled, so nothing is trusted that was not checked here; every use re-runs the
 * claim checks (expiry above all). A key the issuer withdraws keeps validating the tokens already
 * remembered for at most {@code timeToLive}. Bounded: when full, it starts over.
 */
public final class VerifiedTokens {

    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration timeToLive;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(OAuth2TokenValidator<Jwt> validator, Duration timeToLive, int capacity, Clock clock) {
        this.validator = validator;
        this.timeToLive = timeToLive;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** {@code decoder}, verifying each distinct token at most once per time to live. */
    public JwtDecoder inFrontOf(JwtDecoder decoder) {
        return token -> {
            Jwt known = recall(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            remember(token, jwt);
            return jwt;
        };
    }

    /** {@code decoder}, verifying each distinct token at most once per time to live. */
    public ReactiveJwtDecoder inFrontOf(ReactiveJwtDecoder decoder) {
        return token -> {
            Jwt known;
            try {
                known = recall(token);
            } catch (BadJwtException noLongerValid) {
                return Mono.error(noLongerValid);
            }
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(jwt -> remember(token, jwt));
        };
    }

    /** The claims of a token verified within the time to live, null if there is none. */
    private Jwt recall(String token) {
        Entry entry = verified.get(token);
        if (entry == null || !clock.instant().isBefore(entry.verifiedUntil())) {
            return null;
        }
        if (validator.validate(entry.jwt()).hasErrors()) {
            verified.remove(token);
            throw new BadJwtException("The access token is no longer valid");
        }
        return entry.jwt();
    }

    private void remember(String token, Jwt jwt) {
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, new Entry(jwt, clock.instant().plus(timeToLive)));
    }

    private record Entry(Jwt jwt, Instant verifiedUntil) {
    }
}
