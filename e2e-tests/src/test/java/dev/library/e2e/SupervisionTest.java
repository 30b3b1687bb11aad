package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.library.localstack.Control;
import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;
import dev.library.localstack.Supervisor;

/** ./run keeps its services running as a kubelet does, and ./run ctl changes a running stack. */
class SupervisionTest extends EndToEndTest {

    /** A restart on a busy two-core machine: JVM start and readiness. */
    private static final Duration BACK_WITHIN = Duration.ofMinutes(3);

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private Supervisor supervisor;
    private Control control;
    private Path dataDir;

    @BeforeEach
    void superviseAndListen() throws Exception {
        supervisor = new Supervisor(stack.processes(), new PrintStream(said, true, StandardCharsets.UTF_8));
        dataDir = Files.createTempDirectory("library-control");
        control = Control.serve(supervisor, dataDir);
    }

    @AfterEach
    void bookServiceRunsUnsupervised() throws Exception {
        control.close();
        supervisor.close();
        if (!stack.service(Stack.BOOK_SERVICE).isAlive()) {
            stack.restart(Stack.BOOK_SERVICE);
        }
        stack.awaitHealthy("/api/books?size=1", adminToken());
    }

    @Test
    void aServiceThatIsKilledIsReportedAndStartedAgain() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        long killed = books.pid();

        books.kill();

        await().atMost(BACK_WITHIN).until(() -> books.isAlive() && books.pid() != killed && ready(books));
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("book-service exited unexpectedly")
                .contains("book-service restarted after a crash");
        stack.awaitHealthy("/api/books?size=1", adminToken());
    }

    @Test
    void aServiceStoppedThroughCtlStaysStoppedUntilStartedAgain() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);

        assertThat(Control.send(dataDir, List.of("stop", Stack.BOOK_SERVICE))).isZero();
        Thread.sleep(Supervisor.MAX_BACKOFF.dividedBy(10).toMillis()); // past the first restart backoffs
        assertThat(books.isAlive()).isFalse();
        assertThat(supervisor.status()).containsPattern("book-service\\s+stopped");

        assertThat(Control.send(dataDir, List.of("start", Stack.BOOK_SERVICE))).isZero();
        assertThat(books.isAlive()).isTrue();
        assertThat(ready(books)).isTrue();
    }

    @Test
    void aRolloutReplacesEveryInstanceOfTheServiceAndLeavesItReady() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        long before = books.pid();

        assertThat(Control.send(dataDir, List.of("rollout", Stack.BOOK_SERVICE))).isZero();

        assertThat(books.pid()).isNotEqualTo(before);
        assertThat(ready(books)).isTrue();
        assertThat(stack.service(Stack.GATEWAY).pid()).as("other services untouched").isPositive();
    }

    private static boolean ready(ServiceProcess service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + service.managementPort() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }
}
