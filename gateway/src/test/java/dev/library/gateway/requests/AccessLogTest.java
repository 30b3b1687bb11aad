package dev.library.gateway.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.library.gateway.GatewayTest;

/** The access log: one line per request, written off the request path (logback-spring.xml), with the request's id. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest extends GatewayTest {

    @Test
    void aRequestGetsOneAccessLineWithItsMethodPathStatusAndId(CapturedOutput output) throws InterruptedException {
        String requestId = "access-" + UUID.randomUUID();

        gateway.get("/api/ping", "X-Request-Id", requestId);

        String line = awaitLineContaining(output, "requestId=" + requestId);
        assertThat(line).contains("GET /api/ping 200 ").contains("client=127.0.0.1");
        assertThat(output.getAll().split("requestId=" + requestId, -1)).hasSize(2);
    }

    /** The line is written by the access log's own thread, shortly after the answer. */
    private static String awaitLineContaining(CapturedOutput output, String text) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            String line = output.getAll().lines().filter(candidate -> candidate.contains(text)).findFirst().orElse(null);
            if (line != null) {
                return line;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access line containing " + text);
    }
}
