package dev.library.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * The issuer's JWKS as every validator fetches it: cached, refreshed when a token names an
 * unknown {@code kid} but at most once per {@code minRefreshInterval} (so a flood of forged kids
 * cannot become a flood of fetches), and served from the last good copy while the issuer is
 * briefly unreachable.
 *
 * @param uri                the JWKS URL, e.g. {@code http://auth-service:8081/.well-known/jwks.json}
 * @param cacheTtl           how long a fetched key set is used before it is fetched again
 * @param minRefreshInterval the shortest time between two fetches, whatever the tokens say
 * @param outageTolerance    how long the last good key set is used while fetching fails
 * @param timeout            connect and read timeout of one fetch
 */
public record RemoteJwks(URI uri, Duration cacheTtl, Duration minRefreshInterval, Duration outageTolerance,
        Duration timeout) {

    /** Largest JWKS document accepted. */
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    public RemoteJwks {
        if (uri == null) {
            throw new IllegalArgumentException("the JWKS URI is required");
        }
        cacheTtl = cacheTtl != null ? cacheTtl : Duration.ofMinutes(5);
        minRefreshInterval = minRefreshInterval != null ? minRefreshInterval : Duration.ofSeconds(5);
        outageTolerance = outageTolerance != null ? outageTolerance : Duration.ofHours(1);
        timeout = timeout != null ? timeout : Duration.ofSeconds(2);
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
            int timeoutMillis = (int) timeout.toMillis();
            return JWKSourceBuilder.<SecurityContext>create(uri.toURL(),
                            new DefaultResourceRetriever(timeoutMillis, timeoutMillis, SIZE_LIMIT_BYTES))
                    .cache(cacheTtl.toMillis(), timeout.toMillis())
                    .rateLimited(minRefreshInterval.toMillis())
                    .outageTolerant(outageTolerance.toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }

    /** A servlet-stack decoder: RS256 only, then {@link LibraryTokens#validator}. */
    public NimbusJwtDecoder decoder(String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source()).jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(LibraryTokens.validator(issuer, LibraryTokens.MAX_CLOCK_SKEW));
        return decoder;
    }
}
