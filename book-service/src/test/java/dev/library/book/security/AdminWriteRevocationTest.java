package dev.library.book.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * Admin writes are confirmed with the token's issuer (token introspection), so a revoked admin
 * token (demoted, disabled, signed out) stops writing within the answer cache's TTL, not at token
 * expiry. The issuer here is the test's, serving introspection over real HTTP and told which
 * tokens are revoked; what is under test is book-service's decision.
 */
class AdminWriteRevocationTest extends BookServiceTest {

    @Test
    void aConfirmedAdminTokenWrites() {
        String token = ISSUER.admin();

        assertThat(create(book("Confirmed", uniqueTag()), token).status()).isEqualTo(201);
        assertThat(ISSUER.introspections(token)).isEqualTo(1);
    }

    @Test
    void aRevokedAdminTokenCannotCreateAndGets403Problem() {
        String tag = uniqueTag();
        String token = ISSUER.admin();
        ISSUER.revoke(token);

        HttpApi.Response response = create(book("Never stored", tag), token);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(get("/api/books?tag=" + tag).json().get("totalElements").asLong()).isZero();
    }

    @Test
    void aRevokedAdminTokenCannotReplaceOrDelete() {
        String id = createdId(book("Kept", uniqueTag()));
        String token = ISSUER.admin();
        ISSUER.revoke(token);

        assertThat(api.put("/api/books/" + id, json(book("Replaced", uniqueTag())), "Authorization",
                HttpApi.bearer(token)).status()).isEqualTo(403);
        assertThat(api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(token)).status()).isEqualTo(403);
        assertThat(get("/api/books/" + id).json().get("title").asString()).isEqualTo("Kept");
    }

    @Test
    void anAnswerIsReusedForTheSameTokenWithinTheCacheTtl() {
        String token = ISSUER.admin();

        create(book("First", uniqueTag()), token);
        create(book("Second", uniqueTag()), token);

        assertThat(ISSUER.introspections(token)).isEqualTo(1);
    }

    @Test
    void aRevocationTakesEffectOnceTheCachedAnswerExpires() throws InterruptedException {
        String token = ISSUER.admin();
        assertThat(create(book("Before the demotion", uniqueTag()), token).status()).isEqualTo(201);

        ISSUER.revoke(token);

        Instant deadline = Instant.now().plus(ADMIN_CHECK_CACHE_TTL).plusSeconds(10);
        int status = create(book("After the demotion", uniqueTag()), token).status();
        while (status == 201 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = create(book("After the demotion", uniqueTag()), token).status();
        }
        assertThat(status).isEqualTo(403);
        assertThat(ISSUER.introspections(token)).isEqualTo(2);
    }

    @Test
    void readsNeverAskTheIssuer() {
        String token = ISSUER.admin();
        String id = createdId(book("Read often", uniqueTag()));

        api.get("/api/books", "Authorization", HttpApi.bearer(token));
        api.get("/api/books/" + id, "Authorization", HttpApi.bearer(token));

        assertThat(ISSUER.introspections(token)).isZero();
    }

    @Test
    void aReadersWriteIsRefusedWithoutAskingTheIssuer() {
        String token = ISSUER.user();

        assertThat(create(book("Not an admin", uniqueTag()), token).status()).isEqualTo(403);
        assertThat(ISSUER.introspections(token)).isZero();
    }

    private HttpApi.Response create(Map<String, Object> book, String token) {
        return api.post("/api/books", json(book), "Authorization", HttpApi.bearer(token));
    }
}
