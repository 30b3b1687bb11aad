package dev.library.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose signature was verified, for a short while, so a client sending the same
 * token on every request pays for one RSA verification (and one key lookup off the event loop)
 * per minute instead of per request. Every use still re-runs the claim checks (expiry above all),
 * and the services verify every token fully. Bounded: when full, it starts over.
 */
class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration timeToLive,
            int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Entry entry = verified.get(token);
        if (entry != null && clock.instant().isBefore(entry.verifiedUntil())) {
            if (validator.validate(entry.jwt()).hasErrors()) {
                verified.remove(token);
                return Mono.error(new BadJwtException("The access token is no longer valid"));
            }
            return Mono.just(entry.jwt());
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, new Entry(jwt, clock.instant().plus(timeToLive)));
    }

    private record Entry(Jwt jwt, Instant verifiedUntil) {
    }
}
