package dev.library.book.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * book-service checks every token itself, whoever forwarded it. Which tokens are valid is
 * specified once, in jwt-validation (TokenRulesTest); here, that this service applies those rules
 * and who may do what.
 */
class TokenValidationTest extends BookServiceTest {

    @Test
    void noTokenIs401Problem() {
        HttpApi.Response response = api.get("/api/books");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aTokenTheSharedRulesRefuseIs401Problem() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String expired = ISSUER.token(ISSUER.claims("USER").issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build());

        HttpApi.Response response = api.get("/api/books", "Authorization", HttpApi.bearer(expired));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aUserReadsBooks() {
        assertThat(get("/api/books").status()).isEqualTo(200);
    }

    @Test
    void aUserMayNotWrite() {
        HttpApi.Response response = api.post("/api/books", json(book("Not yours", uniqueTag())), "Authorization",
                HttpApi.bearer(ISSUER.user()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
