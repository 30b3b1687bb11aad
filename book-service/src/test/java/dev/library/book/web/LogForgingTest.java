package dev.library.book.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.RawHttp;

/**
 * Finding 9 of issue 26: a CR LF in a query value wrote a forged, timestamped line into the
 * service's log. Control characters in log messages are escaped now.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingTest extends BookServiceTest {

    private static final String FORGED = "2026-01-01T00:00:00.000Z ERROR 1 --- [book-service] FORGED";

    @Value("${local.server.port}")
    private int port;

    @Test
    void aLineBreakInALoggedValueCannotStartALineOfItsOwn(CapturedOutput output) {
        LoggerFactory.getLogger(LogForgingTest.class).warn("client sent {}", "x\r\n" + FORGED);

        assertThat(output.getOut()).contains("x\\r\\n" + FORGED).doesNotContain("\n" + FORGED);
    }

    @Test
    void aLineBreakInAQueryValueCannotForgeALogLine(CapturedOutput output) {
        RawHttp.get(port, "/api/books?q=%ff%0d%0a" + FORGED.replace(" ", "%20"), "Authorization",
                "Bearer " + ISSUER.user());
        RawHttp.get(port, "/api/books?q=%0d%0a" + FORGED.replace(" ", "%20"), "Authorization",
                "Bearer " + ISSUER.user());

        assertThat(output.getOut()).doesNotContain("\n" + FORGED).doesNotContain("\r" + FORGED);
    }
}
