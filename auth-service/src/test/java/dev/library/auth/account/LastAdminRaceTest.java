package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.auth.AuthServiceInstance;
import dev.library.auth.token.SigningKeys;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * The last-admin guard under real concurrency: a service of its own on a database of its own
 * (MONGODB_URI points it at a real MongoDB), where exactly two admins demote each other at the
 * same instant, round after round. At least one admin must be left every time.
 */
class LastAdminRaceTest {

    private static final int ROUNDS = 6;
    private static final String PASSWORD = "a password for admins";

    @TempDir
    Path dataDir;

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        String database = "auth_last_admin_" + UUID.randomUUID().toString().substring(0, 8);
        Path keys = dataDir.resolve("keys");
        SigningKeys.generate(keys, 2048);
        String first = "first-" + database.substring(database.length() - 8);
        try (AuthServiceInstance auth = AuthServiceInstance.start(TestStores.mongoUri(database), database, keys,
                Map.of("library.admin.username", first, "library.admin.password", PASSWORD))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            HttpApi api = auth.api();
            String survivor = first;
            for (int round = 0; round < ROUNDS; round++) {
                String other = "admin" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                assertThat(api.post("/api/auth/signup", HttpApi.json("username", other, "password", PASSWORD))
                        .status()).isEqualTo(201);
                assertThat(setRoles(api, other, List.of("ADMIN"), token(api, survivor)).status()).isEqualTo(200);
                String survivorToken = token(api, survivor);
                String otherToken = token(api, other);

                CountDownLatch start = new CountDownLatch(1);
                String demoted = survivor;
                CompletableFuture<HttpApi.Response> one = CompletableFuture.supplyAsync(
                        () -> await(start, () -> setRoles(api, other, List.of(), survivorToken)), pool);
                CompletableFuture<HttpApi.Response> two = CompletableFuture.supplyAsync(
                        () -> await(start, () -> setRoles(api, demoted, List.of(), otherToken)), pool);
                start.countDown();

                List<Integer> statuses = List.of(one.get().status(), two.get().status());
                assertThat(statuses).as("round %d", round).containsOnlyOnce(200);
                boolean otherDemoted = one.get().status() == 200;
                survivor = otherDemoted ? survivor : other;
                assertThat(isAdmin(api, survivor)).as("round %d: %s is still an admin", round, survivor).isTrue();
            }
            pool.shutdownNow();
        }
    }

    private static HttpApi.Response setRoles(HttpApi api, String username, List<String> roles, String token) {
        return api.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", roles), "Authorization",
                HttpApi.bearer(token));
    }

    private static String token(HttpApi api, String username) {
        HttpApi.Response login = api.post("/api/auth/login", HttpApi.json("username", username, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asString();
    }

    private static boolean isAdmin(HttpApi api, String username) {
        return api.get("/api/auth/me", "Authorization", HttpApi.bearer(token(api, username))).json().get("roles")
                .toString().contains("ADMIN");
    }

    private static HttpApi.Response await(CountDownLatch start, java.util.function.Supplier<HttpApi.Response> call) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }
}
