package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.GatewayTest;
import dev.library.gateway.RawHttp;
import dev.library.testhttp.HttpApi;

/**
 * The review's bad-token attacks on the edge (issue 26, finding 6 and the token without {@code sub}):
 * whatever a token's header names, a token that is not a valid RS256 access token is a 401 problem
 * with a Bearer challenge, not a 500, and writes no log line; and a client sending many is slowed
 * down (429) like any other client, by its address.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadTokensTest extends GatewayTest {

    @Autowired
    private GatewayProperties properties;

    @ParameterizedTest
    @ValueSource(strings = {"None", "none", "foo", "", "dir", "A128KW", "RSA-OAEP", "HS999", "HS256", "ES256"})
    void aTokenNamingAnotherAlgorithmIs401AndLogsNothing(String alg, CapturedOutput output) {
        String token = withAlgorithm(ISSUER.user(), alg);
        int before = BOOK_SERVICE.requests();
        int logged = output.getAll().length();

        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(token));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(BOOK_SERVICE.requests()).isEqualTo(before);
        assertThat(output.getAll().substring(logged)).doesNotContain(" WARN ").doesNotContain(" ERROR ");
    }

    @Test
    void aSignedTokenWithoutASubjectIs401() {
        JWTClaimsSet noSubject = new JWTClaimsSet.Builder(ISSUER.claims("USER").build()).subject(null).build();

        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(ISSUER.token(noSubject)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aSignedTokenWithABlankSubjectIs401() {
        JWTClaimsSet blank = new JWTClaimsSet.Builder(ISSUER.claims("USER").build()).subject(" ").build();

        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(ISSUER.token(blank)));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aClientSendingBadTokensIsRateLimitedByItsAddress() throws Exception {
        String client = RawHttp.freshClient();
        String forged = withAlgorithm(ISSUER.user(), "HS999");
        int burst = properties.rateLimit().defaultLimit().burst();
        int refused = 0;
        int last = 0;
        // The burst and what refills meanwhile, however slow the machine: twice the burst is plenty.
        for (int i = 0; i < 2 * burst && last != 429; i++) {
            last = RawHttp.status(gateway.base(), client, "GET /api/books", "Authorization: Bearer " + forged);
            refused += last == 401 ? 1 : 0;
        }

        assertThat(last).as("after %d refusals", refused).isEqualTo(429);
        assertThat(refused).isGreaterThanOrEqualTo(burst / 2);
    }

    /** The same token under a header naming {@code alg} (signature and claims untouched). */
    private static String withAlgorithm(String token, String alg) {
        String[] parts = token.split("\\.");
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + "." + parts[2];
    }
}
