package dev.library.gateway.security;

import java.text.ParseException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * The shared token rules with the edge's two refinements, so that every bad token is a 401 (as at
 * the services) and never a 5xx. A token whose header names anything but RS256 ({@code none},
 * {@code None}, {@code dir}, {@code A128KW}, {@code HS999}, an empty name) fails inside the key
 * lookup, which the decoder reports as a key-source failure, an outage; here it is an invalid token.
 * And a token without a subject names no one: the edge could neither rate-limit nor forward it.
 */
final class EdgeTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;

    EdgeTokens(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Mono<Jwt> decoded;
        try {
            decoded = decoder.decode(token);
        } catch (RuntimeException error) {
            decoded = Mono.error(error);
        }
        return decoded.onErrorMap(error -> !(error instanceof BadJwtException) && !signedWithRs256(token),
                        error -> new BadJwtException("The token is not signed with RS256.", error))
                .map(jwt -> {
                    if (!StringUtils.hasText(jwt.getSubject())) {
                        throw new BadJwtException("The token names no subject.");
                    }
                    return jwt;
                });
    }

    /** Whether the token's header names RS256, the one algorithm the issuer signs with. */
    private static boolean signedWithRs256(String token) {
        try {
            return JWSAlgorithm.RS256.equals(JWTParser.parse(token).getHeader().getAlgorithm());
        } catch (ParseException | RuntimeException malformed) {
            return false;
        }
    }
}
