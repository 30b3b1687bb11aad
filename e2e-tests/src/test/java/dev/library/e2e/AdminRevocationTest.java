package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.library.testhttp.HttpApi;

/**
 * An admin's access token stops writing books soon after the admin is demoted (within book-service's
 * admin-check cache TTL), though the token itself is still unexpired; and the check auth-service
 * answers for it is not reachable from outside.
 */
class AdminRevocationTest extends EndToEndTest {

    /** Past the cache TTL, a loaded machine's slowness is all that is left to wait for. */
    private static final Duration TAKES_EFFECT_WITHIN = RunningStack.ADMIN_CHECK_CACHE_TTL.plusSeconds(15);

    @Test
    void aDemotedAdminsUnexpiredTokenCanNoLongerCreateReplaceOrDeleteBooks() throws Exception {
        String username = unique("demoted");
        assertThat(signUp(username, "an admin's password").status()).isEqualTo(201);
        String root = adminToken();
        assertThat(setRoles(username, List.of("ADMIN"), root).status()).isEqualTo(200);
        String token = login(username, "an admin's password").json().get("access_token").asString();
        HttpApi.Response created = createPatiently(token);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();

        assertThat(setRoles(username, List.of(), root).status()).isEqualTo(200);

        HttpApi.Response refused = createUntilRefused(token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(gateway.put("/api/books/" + id, book(), "Authorization", HttpApi.bearer(token)).status())
                .isEqualTo(403);
        assertThat(gateway.delete("/api/books/" + id, "Authorization", HttpApi.bearer(token)).status()).isEqualTo(403);
        assertThat(gateway.get("/api/books/" + id, "Authorization", HttpApi.bearer(token)).status()).isEqualTo(200);
    }

    @Test
    void tokenIntrospectionIsNotRoutedByTheGateway() throws Exception {
        String token = adminToken();
        String form = "token=" + token;

        assertThat(gateway.postForm("/internal/introspect", form, "Authorization", HttpApi.bearer(token)).status())
                .isEqualTo(404);
        assertThat(gateway.postForm("/api/auth/../../internal/introspect", form, "Authorization",
                HttpApi.bearer(token)).status()).isIn(400, 404);
    }

    /** The first write may meet cold services on a loaded machine (503/504): retried, as a client would. */
    private HttpApi.Response createPatiently(String token) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        HttpApi.Response response = create(token);
        while (List.of(503, 504).contains(response.status()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            response = create(token);
        }
        return response;
    }

    /** Writes with the token, as a client would keep trying, until refused or the bound passes. */
    private HttpApi.Response createUntilRefused(String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(TAKES_EFFECT_WITHIN);
        HttpApi.Response response = create(token);
        while (response.status() == 201 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            response = create(token);
        }
        return response;
    }

    private HttpApi.Response create(String token) {
        return gateway.post("/api/books", book(), "Authorization", HttpApi.bearer(token));
    }

    private static String book() {
        return HttpApi.json("title", "Written by an admin", "authors", List.of("Ann Author"), "isbn", uniqueIsbn(),
                "publishedYear", 2020);
    }

    private HttpApi.Response setRoles(String username, List<String> roles, String token) {
        return gateway.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", roles),
                "Authorization", HttpApi.bearer(token));
    }
}
