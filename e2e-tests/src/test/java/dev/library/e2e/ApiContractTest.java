package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.library.e2e.contract.OpenApiContract;
import dev.library.e2e.contract.ValidatingClient;
import dev.library.testhttp.HttpApi;

/**
 * The journey of a reader and an admin, successes and refusals, through the gateway, with every
 * request and response checked against the description the gateway publishes: so the
 * description cannot drift from the behaviour.
 */
class ApiContractTest extends EndToEndTest {

    @Test
    void everyExchangeOfTheJourneyMatchesThePublishedDescription() throws Exception {
        JsonNode description = publishedDescription().json();
        ValidatingClient api = new ValidatingClient(gateway, new OpenApiContract(description));
        ValidatingClient wrong = api.onPurposeWrong();
        String password = "a contract password";

        String reader = unique("contract");
        assertThat(patiently(api, "/api/auth/signup", HttpApi.json("username", reader, "password", password)).status()).isEqualTo(201);
        assertThat(patiently(api, "/api/auth/signup", HttpApi.json("username", reader, "password", password)).status()).isEqualTo(409);
        assertThat(wrong.post("/api/auth/signup", HttpApi.json("username", "x")).status()).isEqualTo(400);
        assertThat(patiently(api, "/api/auth/login", HttpApi.json("username", reader, "password", "not the password")).status())
                .isEqualTo(401);
        JsonNode session = patiently(api, "/api/auth/login", HttpApi.json("username", reader, "password", password)).json();
        String readerToken = session.get("access_token").asString();
        // A client that always sends its (here: broken) token can still log in: public routes ignore it.
        assertThat(api.post("/api/auth/login", HttpApi.json("username", reader, "password", password),
                "Authorization", HttpApi.bearer("not.a.token")).status()).isIn(200, 429, 503);
        assertThat(api.get("/api/auth/me", "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(200);
        assertThat(wrong.get("/api/auth/me").status()).isEqualTo(401);
        HttpApi.Response refreshed = patiently(api, "/api/auth/refresh", HttpApi.json("refresh_token", session.get("refresh_token").asString()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(patiently(api, "/api/auth/refresh", HttpApi.json("refresh_token", "unknown-" + unique("token"))).status())
                .isEqualTo(401);

        String admin = patiently(api, "/api/auth/login", HttpApi.json("username", RunningStack.ADMIN, "password",
                RunningStack.ADMIN_PASSWORD)).json().get("access_token").asString();
        assertThat(api.put("/api/auth/users/" + reader + "/roles", HttpApi.json("roles", List.of("USER")),
                "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(200);
        assertThat(api.put("/api/auth/users/" + unique("nobody") + "/roles", HttpApi.json("roles", List.of("USER")),
                "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(404);
        assertThat(api.put("/api/auth/users/" + reader + "/roles", HttpApi.json("roles", List.of("ADMIN")),
                "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(403);

        // A cold book-service on a busy machine can take longer than the gateway's timeout for its first write.
        stack.awaitHealthy("/api/books?size=1", admin);
        String isbn;
        String book;
        HttpApi.Response created;
        int attempts = 0;
        do { // a 504 may still have written the book: try again with another ISBN
            isbn = uniqueIsbn();
            book = HttpApi.json("title", "Contract", "authors", List.of("Ann Author"), "isbn", isbn,
                    "publishedYear", 2020, "tags", List.of("contract"));
            created = api.post("/api/books", book, "Authorization", HttpApi.bearer(admin));
        } while (created.status() == 504 && ++attempts < 3);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/books", book, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(409);
        assertThat(api.post("/api/books", book, "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(403);
        assertThat(wrong.post("/api/books", HttpApi.json("title", "x".repeat(20_000)), "Authorization", HttpApi.bearer(admin))
                .status()).isEqualTo(413);
        assertThat(wrong.post("/api/books", book, "Authorization", HttpApi.bearer(admin), "Content-Type", "text/plain")
                .status()).isEqualTo(415);
        assertThat(wrong.post("/api/books", HttpApi.json("title", "Contract", "id", "mine"), "Authorization",
                HttpApi.bearer(admin)).status()).isEqualTo(400);

        assertThat(api.get("/api/books?size=5&sort=title,asc&tag=contract", "Authorization", HttpApi.bearer(readerToken))
                .status()).isEqualTo(200);
        assertThat(api.get("/api/books?q=contract&author=Ann%20Author&page=0", "Authorization", HttpApi.bearer(readerToken))
                .status()).isEqualTo(200);
        assertThat(wrong.get("/api/books?size=1000", "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(400);
        HttpApi.Response read = api.get("/api/books/" + id, "Authorization", HttpApi.bearer(readerToken));
        assertThat(read.status()).isEqualTo(200);
        assertThat(api.get("/api/books/" + id, "Authorization", HttpApi.bearer(readerToken), "If-None-Match",
                read.header("ETag")).status()).isEqualTo(304);
        assertThat(api.get("/api/books/0123456789abcdef01234567", "Authorization", HttpApi.bearer(readerToken)).status())
                .isEqualTo(404);
        String revised = HttpApi.json("title", "Contract, revised", "authors", List.of("Ann Author"), "isbn", isbn,
                "publishedYear", 2021, "description", "Checked against the description.");
        assertThat(api.put("/api/books/" + id, revised, "Authorization", HttpApi.bearer(admin), "If-Match", "\"1\"")
                .status()).isEqualTo(200);
        assertThat(api.put("/api/books/" + id, revised, "Authorization", HttpApi.bearer(admin), "If-Match", "\"1\"")
                .status()).isEqualTo(412);
        assertThat(api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(admin), "If-Match", "\"1\"").status())
                .isEqualTo(412);
        assertThat(api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(204);
        assertThat(api.delete("/api/books/" + id, "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(404);

        assertThat(api.get("/api/ping").status()).isEqualTo(200);
        assertThat(api.get("/.well-known/jwks.json").status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout", HttpApi.json("refresh_token", refreshed.json().get("refresh_token").asString()),
                "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(204);

        assertThat(api.put("/api/auth/users/" + reader + "/enabled", HttpApi.json("enabled", false),
                "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(200);
        assertThat(api.put("/api/auth/users/" + reader + "/enabled", HttpApi.json("enabled", true),
                "Authorization", HttpApi.bearer(admin)).status()).isEqualTo(200);
        String fresh = patiently(api, "/api/auth/login", HttpApi.json("username", reader, "password", password)).json()
                .get("access_token").asString();
        assertThat(api.put("/api/auth/me/password", HttpApi.json("current_password", "not the password",
                "new_password", "a new contract password"), "Authorization", HttpApi.bearer(fresh)).status()).isEqualTo(401);
        assertThat(api.put("/api/auth/me/password", HttpApi.json("current_password", password,
                "new_password", "a new contract password"), "Authorization", HttpApi.bearer(fresh)).status()).isEqualTo(204);

        System.out.printf("Contract: %d exchanges, %d operations, statuses seen: %s%n", api.exchanges(),
                api.seen().size(), api.seen());
        assertThat(api.violations()).isEmpty();
        List<String> described = new ArrayList<>();
        description.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> described.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(api.seen().keySet()).as("every described operation is exercised").containsExactlyInAnyOrderElementsOf(described);
    }

    /**
     * Sign-in calls share a small bucket with other specs, and hash passwords slowly on a busy
     * machine: wait out a 429, 503 or 504 as Retry-After says (each answer is checked too).
     */
    private static HttpApi.Response patiently(ValidatingClient api, String path, String body) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpApi.Response response = api.post(path, body);
            if (!List.of(429, 503, 504).contains(response.status()) || Instant.now().isAfter(deadline)) {
                return response;
            }
            Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
        }
    }
}
