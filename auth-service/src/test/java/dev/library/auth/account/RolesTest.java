package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class RolesTest extends AuthServiceTest {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void anAdminGrantsAdmin() {
        String username = uniqueUsername("grantee");
        signUp(username, "a good password");

        HttpApi.Response response = setRoles(username, List.of("ADMIN"), adminAccessToken());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
        String token = login(username, "a good password").json().get("access_token").asString();
        assertThat(api.get("/api/auth/me", "Authorization", HttpApi.bearer(token)).json().get("roles").toString())
                .isEqualTo("[\"USER\",\"ADMIN\"]");
    }

    @Test
    void anAdminRevokesAdminAndUserStays() {
        String username = uniqueUsername("demoted");
        signUp(username, "a good password");
        setRoles(username, List.of("ADMIN"), adminAccessToken());

        HttpApi.Response response = setRoles(username, List.of(), adminAccessToken());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void aUserMayNotChangeRoles() {
        String username = uniqueUsername("ambitious");
        String token = newSession(username).json().get("access_token").asString();

        HttpApi.Response response = setRoles(username, List.of("ADMIN"), token);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void changingRolesWithoutATokenIs401() {
        HttpApi.Response response = api.put("/api/auth/users/anyone/roles", HttpApi.json("roles", List.of("ADMIN")));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void anUnknownAccountIs404() {
        HttpApi.Response response = setRoles(uniqueUsername("nobody"), List.of("ADMIN"), adminAccessToken());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anUnknownRoleIsABadRequest() {
        HttpApi.Response response = setRoles(ADMIN_USERNAME, List.of("SUPERUSER"), adminAccessToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("roles[0]");
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        String adminToken = adminAccessToken();
        // Other tests grant ADMIN to their users: demote them all, leaving the bootstrap admin alone.
        mongo.find(Query.query(Criteria.where("roles").is("ADMIN").and("username").ne(ADMIN_USERNAME)), Account.class)
                .forEach(other -> setRoles(other.getUsername(), List.of(), adminToken));

        HttpApi.Response response = setRoles(ADMIN_USERNAME, List.of(), adminToken);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("last admin");
        assertThat(login(ADMIN_USERNAME, ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void concurrentUpdatesOfOneAccountAreAnsweredWithoutServerErrors() throws Exception {
        String username = uniqueUsername("contended");
        signUp(username, "a good password");
        String adminToken = adminAccessToken();
        List<HttpApi.Response> answers;
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpApi.Response>> calls = IntStream.range(0, 10).mapToObj(i -> pool.submit(() -> {
                start.await();
                return i % 2 == 0 ? setRoles(username, List.of("ADMIN"), adminToken)
                        : api.put("/api/auth/users/" + username + "/enabled", HttpApi.json("enabled", i % 3 != 0),
                                "Authorization", HttpApi.bearer(adminToken));
            })).toList();
            start.countDown();
            answers = new java.util.ArrayList<>();
            for (Future<HttpApi.Response> call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 409);
            assertThat(answer.contentType()).as(answer.toString()).isIn("application/json", "application/problem+json");
        });
    }

    private HttpApi.Response setRoles(String username, List<String> roles, String token) {
        return api.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", roles),
                "Authorization", HttpApi.bearer(token));
    }
}
