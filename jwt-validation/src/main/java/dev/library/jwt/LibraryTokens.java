package dev.library.jwt;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The contract of a library access token, shared by the issuer (auth-service) and every
 * validator (gateway, book-service): its audience, claim names, and the checks a token must pass.
 */
public final class LibraryTokens {

    /** The {@code aud} every access token carries and every validator demands. */
    public static final String AUDIENCE = "library-api";
    /** The claim listing the user's roles, for example {@code ["USER","ADMIN"]}. */
    public static final String ROLES_CLAIM = "roles";
    public static final String USERNAME_CLAIM = "preferred_username";
    /** The largest clock difference between issuer and validator that is forgiven. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private LibraryTokens() {
    }

    /**
     * The checks a token must pass after its RS256 signature: issued by {@code issuer}, for
     * {@link #AUDIENCE}, with an {@code exp} (a token without one is refused), and within its
     * {@code nbf}/{@code exp} window give or take {@code clockSkew}.
     */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew) {
        if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew " + clockSkew + " exceeds " + MAX_CLOCK_SKEW);
        }
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(AUDIENCE))));
    }

    /** Maps the {@code roles} claim to Spring authorities {@code ROLE_<name>}; the principal is {@code sub}. */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
