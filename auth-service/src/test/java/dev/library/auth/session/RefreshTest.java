package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class RefreshTest extends AuthServiceTest {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void refreshReturnsANewPairOfTokens() {
        HttpApi.Response session = newSession(uniqueUsername("refresher"));
        String first = session.json().get("refresh_token").asString();

        HttpApi.Response refreshed = refresh(first);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token").asString()).isNotEqualTo(first);
        assertThat(refreshed.json().get("access_token").asString())
                .isNotEqualTo(session.json().get("access_token").asString());
        assertThat(api.get("/api/auth/me", "Authorization",
                HttpApi.bearer(refreshed.json().get("access_token").asString())).status()).isEqualTo(200);
    }

    @Test
    void aUsedRefreshTokenIsDeadAfterTheRetryGraceWindow() {
        String first = newSession(uniqueUsername("once")).json().get("refresh_token").asString();
        refresh(first);
        endGraceWindow(first);

        HttpApi.Response again = refresh(first);

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void reusingARefreshTokenRevokesItsWholeFamily() {
        String first = newSession(uniqueUsername("stolen")).json().get("refresh_token").asString();
        String second = refresh(first).json().get("refresh_token").asString();
        endGraceWindow(first);

        assertThat(refresh(first).status()).isEqualTo(401);

        assertThat(refresh(second).status()).isEqualTo(401);
    }

    @Test
    void reuseInOneFamilyLeavesOtherSessionsOfTheUserAlone() {
        String username = uniqueUsername("twodevices");
        String laptop = newSession(username).json().get("refresh_token").asString();
        String phone = login(username, "password-of-" + username).json().get("refresh_token").asString();
        refresh(laptop);
        endGraceWindow(laptop);

        refresh(laptop);

        assertThat(refresh(phone).status()).isEqualTo(200);
    }

    @Test
    void aRetryWithinTheGraceWindowGetsAWorkingPairInsteadOfRevokingTheFamily() {
        String first = newSession(uniqueUsername("retrier")).json().get("refresh_token").asString();
        refresh(first); // its answer is lost on the way back

        HttpApi.Response retried = refresh(first);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", "Authorization", HttpApi.bearer(accessToken(retried))).status())
                .isEqualTo(200);
        assertThat(refresh(refreshToken(retried)).status()).isEqualTo(200);
    }

    @Test
    void theAnswerARetryReplacedIsRetiredAndUsingItRevokesTheFamily() {
        String first = newSession(uniqueUsername("twoanswers")).json().get("refresh_token").asString();
        String lost = refreshToken(refresh(first));
        String retried = refreshToken(refresh(first));

        assertThat(refresh(lost).status()).isEqualTo(401);

        assertThat(refresh(retried).status()).isEqualTo(401);
    }

    @Test
    void aRetryAfterTheSuccessorWasUsedIsReuse() {
        String first = newSession(uniqueUsername("late")).json().get("refresh_token").asString();
        String second = refreshToken(refresh(first));
        String third = refreshToken(refresh(second));

        assertThat(refresh(first).status()).isEqualTo(401);

        assertThat(refresh(third).status()).isEqualTo(401);
    }

    /**
     * Finding 11 of issue 26: twenty refreshes of one token at once (a client retrying hard) got one
     * or two pairs and then the whole session revoked. Each is a retry within the grace window now.
     */
    @Test
    void twentyConcurrentRefreshesOfOneTokenAllGetAPairAndTheSessionLives() throws Exception {
        HttpApi.Response session = newSession(uniqueUsername("eager"));
        String first = refreshToken(session);
        List<HttpApi.Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpApi.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return refresh(first);
                }));
            }
            start.countDown();
            for (Future<HttpApi.Response> call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
        String current = mongo.findById(RefreshTokenStore.hash(first), RefreshToken.class).successorHash();
        String survivor = answers.stream().map(RefreshTest::refreshToken)
                .filter(token -> RefreshTokenStore.hash(token).equals(current)).findFirst().orElseThrow();
        assertThat(refresh(survivor).status()).as("the session was not revoked").isEqualTo(200);
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        assertThat(refresh("not-a-token-we-issued").status()).isEqualTo(401);
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        String token = newSession(uniqueUsername("expired")).json().get("refresh_token").asString();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(RefreshTokenStore.hash(token))),
                Update.update("expiresAt", Instant.now().minusSeconds(1)), RefreshToken.class);

        assertThat(refresh(token).status()).isEqualTo(401);
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        String token = newSession(uniqueUsername("hashed")).json().get("refresh_token").asString();

        assertThat(mongo.findById(token, RefreshToken.class)).isNull();
        RefreshToken stored = mongo.findById(RefreshTokenStore.hash(token), RefreshToken.class);
        assertThat(stored).isNotNull();
        assertThat(mongo.getCollection("refresh_tokens").find().into(new java.util.ArrayList<>()).toString())
                .doesNotContain(token);
    }

    @Test
    void aRefreshedAccessTokenCarriesTheCurrentRoles() {
        String username = uniqueUsername("promoted");
        String refreshToken = newSession(username).json().get("refresh_token").asString();
        api.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", java.util.List.of("ADMIN")),
                "Authorization", HttpApi.bearer(adminAccessToken()));

        String accessToken = refresh(refreshToken).json().get("access_token").asString();

        assertThat(api.get("/api/auth/me", "Authorization", HttpApi.bearer(accessToken)).json().get("roles").toString())
                .isEqualTo("[\"USER\",\"ADMIN\"]");
    }

    @Test
    void aMissingRefreshTokenIsABadRequest() {
        HttpApi.Response response = api.post("/api/auth/refresh", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("refresh_token");
    }

    /** Moves the token's rotation back past the retry grace window, as if that time had passed. */
    private void endGraceWindow(String token) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(RefreshTokenStore.hash(token))),
                Update.update("rotatedAt", Instant.now().minusSeconds(60)), RefreshToken.class);
    }

    private HttpApi.Response refresh(String token) {
        return api.post("/api/auth/refresh", HttpApi.json("refresh_token", token));
    }
}
