package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class LoginThrottleTest extends AuthServiceTest {

    @Test
    void fiveFailuresForAUsernameFromOneClientBlockThatPairWith429() {
        String username = uniqueUsername("victim");
        String client = uniqueClientAddress();
        signUp(username, "the right password");
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong " + i, client).status()).isEqualTo(401);
        }

        HttpApi.Response blocked = login(username, "the right password", client);

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
    }

    @Test
    void anAttackerFromOneAddressCannotLockTheAdminOutOfAnother() {
        String attacker = uniqueClientAddress();
        for (int i = 0; i < 30; i++) {
            assertThat(login(ADMIN_USERNAME, "guess " + i, attacker).status()).isIn(401, 429);
        }
        assertThat(login(ADMIN_USERNAME, "guess again", attacker).status()).isEqualTo(429);

        assertThat(login(ADMIN_USERNAME, ADMIN_PASSWORD, uniqueClientAddress()).status()).isEqualTo(200);
    }

    @Test
    void failuresFromManyAddressesSlowAUsernameButNeverLockIt() throws InterruptedException {
        String username = uniqueUsername("popular");
        signUp(username, "the right password");
        // Ten addresses, each below its own limit, together pass the username's slow-down mark.
        for (int i = 0; i < 12; i++) {
            login(username, "wrong " + i, uniqueClientAddress());
        }
        String owner = uniqueClientAddress();

        HttpApi.Response first = login(username, "the right password", owner);
        if (first.status() == 429) {
            long retryAfter = Long.parseLong(first.header("Retry-After"));
            assertThat(retryAfter).as("slowed, not locked for the window").isLessThanOrEqualTo(5);
            Thread.sleep(retryAfter * 1000);
            first = login(username, "the right password", owner);
        }

        assertThat(first.status()).isEqualTo(200);
    }

    @Test
    void aSlowedUsernameAdmitsOneAttemptPerIntervalFromEachClient() {
        String username = uniqueUsername("hammered");
        for (int i = 0; i < 10; i++) {
            login(username, "wrong " + i, uniqueClientAddress());
        }
        String client = uniqueClientAddress();

        int first = login(username, "wrong again", client).status();
        HttpApi.Response second = login(username, "wrong once more", client);

        assertThat(first).isEqualTo(401);
        assertThat(second.status()).isEqualTo(429);
        assertThat(Long.parseLong(second.header("Retry-After"))).isBetween(1L, 5L);
    }

    /**
     * Finding 3 of issue 26: with one slot per interval shared by all clients, an attacker polling
     * from many addresses took every slot and the owner got 429. Each client has its own slot now.
     */
    @Test
    void anAttackerPollingFromManyAddressesCannotStarveTheOwner() {
        String username = uniqueUsername("polled");
        signUp(username, "the right password");
        for (int i = 0; i < 12; i++) {
            login(username, "wrong " + i, uniqueClientAddress());
        }
        List<String> attackers = java.util.stream.Stream.generate(AuthServiceTest::uniqueClientAddress).limit(8)
                .toList();
        for (int round = 0; round < 2; round++) {
            attackers.forEach(attacker -> login(username, "guess", attacker));
        }

        assertThat(login(username, "the right password", uniqueClientAddress()).status()).isEqualTo(200);
    }

    /** A successful login takes back its own attempt only: the others' failures still count. */
    @Test
    void aSuccessfulLoginHandsNoFreshGuessesToOthers() {
        String username = uniqueUsername("reset");
        signUp(username, "the right password");
        for (int i = 0; i < 12; i++) {
            login(username, "wrong " + i, uniqueClientAddress());
        }
        String owner = uniqueClientAddress();
        assertThat(login(username, "the right password", owner).status()).isEqualTo(200);
        String attacker = uniqueClientAddress();

        int first = login(username, "guess 1", attacker).status();
        int second = login(username, "guess 2", attacker).status();

        assertThat(first).isEqualTo(401);
        assertThat(second).as("still slowed after the owner's login").isEqualTo(429);
    }

    /**
     * Past the username's ceiling only clients that logged in to it before may try it: the attacker's
     * addresses are done for the window, the owner's known address is not.
     */
    @Test
    void pastTheCeilingOnlyTheUsernamesKnownClientsMayTry() {
        String username = uniqueUsername("besieged");
        signUp(username, "the right password");
        String owner = uniqueClientAddress();
        assertThat(login(username, "the right password", owner).status()).isEqualTo(200);
        for (int i = 0; i < 50; i++) {
            assertThat(login(username, "wrong " + i, uniqueClientAddress()).status()).isEqualTo(401);
        }

        HttpApi.Response stranger = login(username, "the right password", uniqueClientAddress());
        HttpApi.Response known = login(username, "the right password", owner);

        assertThat(stranger.status()).isEqualTo(429);
        assertThat(known.status()).isEqualTo(200);
    }

    @Test
    void aConcurrentBurstIsCountedBeforeHashingSoOnlyTheLimitIsTried() throws Exception {
        String username = uniqueUsername("burst");
        String client = uniqueClientAddress();
        signUp(username, "the right password");
        List<Future<Integer>> attempts = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(30);
        for (int i = 0; i < 30; i++) {
            String guess = "guess " + i;
            attempts.add(clients.submit(() -> login(username, guess, client).status()));
        }
        clients.shutdown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> attempt : attempts) {
            statuses.add(attempt.get());
        }

        assertThat(statuses).allMatch(status -> status == 401 || status == 429 || status == 503);
        assertThat(statuses).filteredOn(status -> status == 401).as("password checks").hasSizeLessThanOrEqualTo(5);
        assertThat(login(username, "the right password", client).status()).isEqualTo(429);
    }

    @Test
    void aBlockedUsernameDoesNotBlockOthers() {
        String blocked = uniqueUsername("blocked");
        String other = uniqueUsername("other");
        String client = uniqueClientAddress();
        signUp(other, "the right password");
        for (int i = 0; i < 5; i++) {
            login(blocked, "wrong " + i, client);
        }

        assertThat(login(blocked, "whatever", client).status()).isEqualTo(429);
        assertThat(login(other, "the right password", client).status()).isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneClientBlockItsNextLoginWith429() {
        String client = uniqueClientAddress();
        String username = uniqueUsername("innocent");
        signUp(username, "the right password");
        for (int i = 0; i < 20; i++) {
            assertThat(login(uniqueUsername("guess"), "wrong", client).status()).isEqualTo(401);
        }

        assertThat(login(username, "the right password", client).status()).isEqualTo(429);
        assertThat(login(username, "the right password", uniqueClientAddress()).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsItsOwnClientsFailures() {
        String username = uniqueUsername("forgetful");
        String client = uniqueClientAddress();
        signUp(username, "the right password");
        for (int i = 0; i < 4; i++) {
            login(username, "wrong " + i, client);
        }
        assertThat(login(username, "the right password", client).status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(login(username, "wrong again " + i, client).status()).isEqualTo(401);
        }
        assertThat(login(username, "the right password", client).status()).isEqualTo(200);
    }
}
