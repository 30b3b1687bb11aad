package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BookSeederTest {

    private HttpServer gateway;
    private final List<Integer> loginAnswers = new ArrayList<>();
    private final List<Integer> createAnswers = new ArrayList<>();

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void aLoginTheGatewayTimesOutIsTriedAgain() throws Exception {
        BookSeeder seeder = seederAgainst(504, 200);

        assertThat(seeder.login(new AdminCredentials("admin", "secret", null))).isEqualTo("the-token");
        assertThat(loginAnswers).containsExactly(504, 200);
    }

    @Test
    void aRefusedLoginIsNotTriedAgain() throws Exception {
        BookSeeder seeder = seederAgainst(401, 200);

        assertThatThrownBy(() -> seeder.login(new AdminCredentials("admin", "wrong", null)))
                .hasMessageContaining("admin login failed: 401");
        assertThat(loginAnswers).containsExactly(401);
    }

    @Test
    void aCreateAnsweredBusyOrTimedOutIsSentAgainUntilItLands() throws Exception {
        BookSeeder seeder = seederCreatingWith(504, 503, 429, 502, 201);

        BookSeeder.Result result = seeder.seed(1, new AdminCredentials("admin", "secret", null));

        assertThat(result).isEqualTo(new BookSeeder.Result(1, 0, 0, null));
        assertThat(createAnswers).containsExactly(504, 503, 429, 502, 201);
    }

    @Test
    void aRetriedCreateThatFindsTheBookAlreadyThereCountsAsDone() throws Exception {
        // The first attempt timed out at the gateway but landed in book-service: the ISBN is taken.
        BookSeeder seeder = seederCreatingWith(504, 409);

        BookSeeder.Result result = seeder.seed(1, new AdminCredentials("admin", "secret", null));

        assertThat(result.complete()).isTrue();
        assertThat(result.alreadyThere()).isEqualTo(1);
    }

    @Test
    void aBookThatNeverGoesThroughIsCountedAsFailedInsteadOfThrown() throws Exception {
        Integer[] alwaysBusy = new Integer[BookSeeder.CREATE_ATTEMPTS + 1];
        java.util.Arrays.fill(alwaysBusy, 503);
        BookSeeder seeder = seederCreatingWith(alwaysBusy);

        BookSeeder.Result result = seeder.seed(1, new AdminCredentials("admin", "secret", null));

        assertThat(result.complete()).isFalse();
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.firstFailure()).startsWith("503");
        assertThat(createAnswers).hasSize(BookSeeder.CREATE_ATTEMPTS);
    }

    @Test
    void aRejectedCreateIsNotSentAgain() throws Exception {
        BookSeeder seeder = seederCreatingWith(400, 201);

        BookSeeder.Result result = seeder.seed(1, new AdminCredentials("admin", "secret", null));

        assertThat(result.failed()).isEqualTo(1);
        assertThat(createAnswers).containsExactly(400);
    }

    @Test
    void withoutRetryAfterTheWaitDoublesUpToACap() {
        assertThat(BookSeeder.backoff(1)).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(BookSeeder.backoff(2)).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(BookSeeder.backoff(5)).isEqualTo(java.time.Duration.ofSeconds(8));
        assertThat(BookSeeder.backoff(30)).isEqualTo(java.time.Duration.ofSeconds(8));
    }

    /** A gateway that logs in at once and answers creates with these statuses in turn, Retry-After: 0. */
    private BookSeeder seederCreatingWith(Integer... statuses) throws IOException {
        BookSeeder seeder = seederAgainst(200);
        Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
        gateway.createContext("/api/books", exchange -> {
            int status = answers.poll();
            synchronized (createAnswers) {
                createAnswers.add(status);
            }
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        return seeder;
    }

    /** A gateway answering logins with these statuses in turn (200 with a token), Retry-After: 0. */
    private BookSeeder seederAgainst(Integer... statuses) throws IOException {
        Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/auth/login", exchange -> answer(exchange, answers.poll()));
        gateway.start();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new BookSeeder("http://127.0.0.1:" + gateway.getAddress().getPort(),
                new SeedingProgress(quiet, false, Clock.systemUTC()));
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        loginAnswers.add(status);
        byte[] body = (status == 200 ? "{\"access_token\":\"the-token\"}" : "{\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Retry-After", "0");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void bookNumberIIsAlwaysTheSameBook() {
        assertThat(BookSeeder.book(42)).isEqualTo(BookSeeder.book(42));
        assertThat(BookSeeder.book(42)).isNotEqualTo(BookSeeder.book(43));
    }

    @Test
    void everySeededIsbnIsAValidDistinctIsbn13() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String isbn = BookSeeder.isbn(i);
            assertThat(isbn).hasSize(13);
            int sum = 0;
            for (int d = 0; d < 13; d++) {
                sum += (isbn.charAt(d) - '0') * (d % 2 == 0 ? 1 : 3);
            }
            assertThat(sum % 10).isZero();
            assertThat(seen.add(isbn)).isTrue();
        }
    }
}
