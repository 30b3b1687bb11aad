package dev.library.auth.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public half of the key set and a minimal OpenID discovery document, so a resource server
 * can be configured from the issuer URL alone.
 */
@RestController
class DiscoveryController {

    static final String JWKS_PATH = "/.well-known/jwks.json";
    /** Validators may cache the key set this long; a new key signs only after a restart anyway. */
    private static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);

    private final SigningKeys keys;
    private final TokenProperties properties;

    DiscoveryController(SigningKeys keys, TokenProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(JWKS_MAX_AGE).cachePublic())
                .body(keys.publicJwkSet().toJSONObject());
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> openIdConfiguration() {
        String issuer = properties.issuer();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", stripTrailingSlash(issuer) + JWKS_PATH);
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("token"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "iat", "nbf", "exp", "jti",
                "preferred_username", "roles"));
        return document;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
