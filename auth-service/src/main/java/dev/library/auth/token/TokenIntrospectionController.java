package dev.library.auth.token;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.library.auth.account.Account;
import dev.library.auth.account.Role;
import dev.library.auth.security.CurrentTokens;

/**
 * Token introspection shaped like RFC 7662, for the other services' privileged calls (book-service's
 * admin writes): is this access token still active? Active means validly signed by this service,
 * not expired by this service's clock, and still current for its account ({@link CurrentTokens}:
 * enabled, same token version, live session, roles still held). An inactive token gets only
 * {@code {"active":false}}, never the reason.
 *
 * <p>On an internal path the gateway never routes. No client authentication: the caller must hold
 * the token, and learns only what the token already says plus whether it still counts.
 */
@RestController
public class TokenIntrospectionController {

    public static final String PATH = "/internal/introspect";
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final JwtDecoder decoder;
    private final CurrentTokens currentTokens;
    private final Clock clock;

    TokenIntrospectionController(JwtDecoder decoder, CurrentTokens currentTokens, Clock clock) {
        this.decoder = decoder;
        this.currentTokens = currentTokens;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> introspect(@RequestParam("token") String token,
            jakarta.servlet.http.HttpServletRequest request) {
        if (request.getQueryString() != null) {
            // A token in a URL ends up in access logs and proxies' histories: the form body only.
            throw dev.library.web.problem.Problems.exception(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "The token goes in the form body, never in the URL.");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer(token));
    }

    private Map<String, Object> answer(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException invalid) {
            return INACTIVE;
        }
        // Validators forgive some clock skew; the issuer's own clock decides here.
        if (jwt.getExpiresAt() == null || !jwt.getExpiresAt().isAfter(clock.instant())) {
            return INACTIVE;
        }
        return currentTokens.accountOf(jwt).map(account -> active(jwt, account)).orElse(INACTIVE);
    }

    private static Map<String, Object> active(Jwt jwt, Account account) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("token_type", "access_token");
        answer.put("sub", account.getId());
        answer.put("username", account.getUsername());
        answer.put("roles", account.getRoles().stream().sorted().map(Role::name).toList());
        answer.put("iss", jwt.getClaimAsString("iss"));
        answer.put("jti", jwt.getId());
        answer.put("exp", jwt.getExpiresAt().getEpochSecond());
        return answer;
    }
}
