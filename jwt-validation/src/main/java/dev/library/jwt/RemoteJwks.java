package dev.library.jwt;

import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How every validator checks a library access token: RS256 only, keys from the issuer's JWKS,
 * then {@link LibraryTokens#validator}. The JWKS is cached, refreshed when a token names an
 * unknown {@code kid} but at most once per {@code jwks-min-refresh-interval} (so a flood of
 * forged kids cannot become a flood of fetches), and served from the last good copy while the
 * issuer is briefly unreachable.
 */
public final class RemoteJwks {

    /** Largest JWKS document accepted. */
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private final TokenValidationProperties properties;

    public RemoteJwks(TokenValidationProperties properties) {
        this.properties = properties;
    }

    public JWKSource<SecurityContext> source() {
        JWKSource<SecurityContext> remote = remoteSource();
        return (selector, context) -> {
            try {
                return remote.get(selector, context);
            } catch (RateLimitReachedException limited) {
                // An unknown kid while refreshes are rate-limited: no such key, so the token is
                // refused as invalid (401) instead of failing as a key-source error (500).
                return List.of();
            }
        };
    }

    private JWKSource<SecurityContext> remoteSource() {
        try {
            int timeoutMillis = (int) properties.jwksTimeout().toMillis();
            return JWKSourceBuilder.<SecurityContext>create(properties.jwksUri().toURL(),
                            new DefaultResourceRetriever(timeoutMillis, timeoutMillis, SIZE_LIMIT_BYTES))
                    .cache(properties.jwksCacheTtl().toMillis(), properties.jwksTimeout().toMillis())
                    .rateLimited(properties.jwksMinRefreshInterval().toMillis())
                    .outageTolerant(properties.jwksOutageTolerance().toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + properties.jwksUri(), e);
        }
    }

    /** The claim checks every token must pass after its signature. */
    public OAuth2TokenValidator<Jwt> validator() {
        return LibraryTokens.validator(properties.issuer(), LibraryTokens.MAX_CLOCK_SKEW);
    }

    /** A servlet-stack decoder, behind its own memory of verified tokens. */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source()).jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator());
        return verifiedTokens().inFrontOf(decoder);
    }

    /**
     * A reactive-stack decoder, behind its own memory of verified tokens; keys are looked up off the
     * event loop, since a JWKS refresh blocks.
     */
    public ReactiveJwtDecoder reactiveDecoder() {
        JWKSource<SecurityContext> keys = source();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Mono.fromCallable(() -> keys.get(
                                new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(Flux::fromIterable))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator());
        return verifiedTokens().inFrontOf(decoder);
    }

    private VerifiedTokens verifiedTokens() {
        return new VerifiedTokens(validator(), properties.verifiedTokenTtl(), properties.verifiedTokenCapacity(),
                Clock.systemUTC());
    }
}
