package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.library.gateway.GatewayTest;
import dev.library.testhttp.HttpApi;

/**
 * The review's bad-token attacks on the edge (issue 26, finding 6 and the token without {@code sub}):
 * whatever a token's header names, a token that is not a valid RS256 access token is a 401 problem
 * with a Bearer challenge, not a 500, and writes no log line. (A client sending many is slowed
 * down: {@link BadTokenFloodTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class BadTokensTest extends GatewayTest {

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

    /** The same token under a header naming {@code alg} (signature and claims untouched). */
    static String withAlgorithm(String token, String alg) {
        String[] parts = token.split("\\.");
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + "." + parts[2];
    }
}
