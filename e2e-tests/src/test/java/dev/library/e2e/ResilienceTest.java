package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/**
 * A real service process restarting behind the gateway. How the edge answers a service that is
 * stopped, frozen or failing is specified in the gateway module (routing.ResilienceTest).
 */
class ResilienceTest extends EndToEndTest {

    @AfterEach
    void bookServiceIsBack() throws Exception {
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        if (!books.isAlive()) {
            stack.restart(Stack.BOOK_SERVICE);
        }
        stack.awaitHealthy("/api/books?size=1", adminToken());
    }

    @Test
    void aGetDuringARestartSucceedsThroughRetries() throws Exception {
        String admin = adminToken();
        ServiceProcess books = stack.service(Stack.BOOK_SERVICE);
        books.stop();

        CompletableFuture<HttpApi.Response> duringRestart = CompletableFuture.supplyAsync(
                () -> gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(admin)));
        stack.restart(Stack.BOOK_SERVICE);

        assertThat(duringRestart.get().status()).isEqualTo(200);
    }
}
