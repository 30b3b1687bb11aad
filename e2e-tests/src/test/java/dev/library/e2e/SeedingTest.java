package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.library.localstack.BookSeeder;
import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;

/** {@code ./run --seed N} against a stack whose book-service is too slow to answer for a while. */
class SeedingTest extends EndToEndTest {

    /** Longer than the gateway's response timeout: creates sent meanwhile get 504, then 503 (circuit open). */
    private static final Duration FROZEN = RunningStack.RESPONSE_TIMEOUT.plusSeconds(4);
    private static final int BOOKS = 30;

    @AfterEach
    void bookServiceRunsAgain() throws Exception {
        stack.service(Stack.BOOK_SERVICE).thaw();
        stack.awaitHealthy("/api/books?size=1", adminToken());
    }

    @Test
    void aSeedWhileBookServiceIsTooSlowToAnswerStillCreatesEveryBook() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        BookSeeder seeder = new BookSeeder(stack.gateway().base(), new PrintStream(output, true, StandardCharsets.UTF_8));

        books.freeze();
        CompletableFuture<Void> thawLater = CompletableFuture.runAsync(books::thaw,
                CompletableFuture.delayedExecutor(FROZEN.toMillis(), TimeUnit.MILLISECONDS));
        BookSeeder.Result result = seeder.seed(BOOKS, RunningStack.ADMIN, RunningStack.ADMIN_PASSWORD);
        thawLater.join();

        assertThat(result.complete()).as(output.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(result.created() + result.alreadyThere()).isEqualTo(BOOKS);
        assertThat(books.isAlive()).isTrue();
    }
}
