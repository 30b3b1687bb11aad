package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

/**
 * A burst of logins and sign-ups straight at auth-service, each from its own address so no
 * throttle stops it: password hashing is bounded (here to one hash and one waiter), the surplus gets
 * 503 with Retry-After, and requests that need no hash (/me, refresh, JWKS) keep being answered.
 */
@TestPropertySource(properties = {
        "library.auth.password.max-concurrent-hashes=1",
        "library.auth.password.max-waiting-hashes=1",
        "library.auth.password.max-wait=50ms"})
class PasswordHashingBurstTest extends AuthServiceTest {

    private static final int BURST = 40;

    @Test
    void aBurstOfSignInsGets503WithRetryAfterWhileMeRefreshAndJwksKeepAnswering() throws Exception {
        String bystander = uniqueUsername("bystander");
        HttpApi.Response session = newSession(bystander);
        String accessToken = accessToken(session);
        String refreshToken = refreshToken(session);

        List<Future<HttpApi.Response>> burst = new ArrayList<>();
        List<HttpApi.Response> others = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        for (int i = 0; i < BURST; i++) {
            String username = uniqueUsername("burst");
            boolean signUp = i % 2 == 0;
            burst.add(clients.submit(() -> signUp ? signUp(username, "a burst password")
                    : login(username, "a burst password")));
        }
        clients.shutdown();
        while (burst.stream().anyMatch(attempt -> !attempt.isDone())) {
            others.add(api.get("/api/auth/me", "Authorization", HttpApi.bearer(accessToken)));
            others.add(api.get("/.well-known/jwks.json"));
        }
        HttpApi.Response refreshed = api.post("/api/auth/refresh", HttpApi.json("refresh_token", refreshToken));

        List<HttpApi.Response> answers = new ArrayList<>();
        for (Future<HttpApi.Response> attempt : burst) {
            answers.add(attempt.get());
        }
        assertThat(answers).extracting(HttpApi.Response::status).allMatch(status -> List.of(201, 401, 503).contains(status));
        List<HttpApi.Response> busy = answers.stream().filter(answer -> answer.status() == 503).toList();
        assertThat(busy).as("refused because every hashing slot was taken").isNotEmpty();
        assertThat(busy).allSatisfy(answer -> {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
        });
        assertThat(others).isNotEmpty().extracting(HttpApi.Response::status).containsOnly(200);
        assertThat(refreshed.status()).isEqualTo(200);
    }
}
