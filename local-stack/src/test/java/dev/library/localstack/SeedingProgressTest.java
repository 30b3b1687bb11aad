package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SeedingProgressTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void intoAFileOrPipeALineIsWrittenEveryFewSecondsAndTheLastOne() {
        SeedingProgress progress = new SeedingProgress(out, false, now::get);

        for (int done = 1; done <= 100; done++) {
            progress.update(done, 100, done, 0);
            now.set(now.get().plus(Duration.ofMillis(200))); // 100 books in 20 s
        }

        assertThat(output()).doesNotContain("\r");
        assertThat(output().lines()).hasSize(5).first().isEqualTo("Seeding books: 1/100 (created 1, already there 0)");
        assertThat(output().lines()).last().isEqualTo("Seeding books: 100/100 (created 100, already there 0)");
    }

    @Test
    void onATerminalOneLineIsRewrittenAfterEveryBook() {
        SeedingProgress progress = new SeedingProgress(out, true, now::get);

        progress.update(1, 2, 1, 0);
        progress.update(2, 2, 1, 1);
        progress.finish();

        assertThat(output()).isEqualTo("\rSeeding books: 1/2 (created 1, already there 0)"
                + "\rSeeding books: 2/2 (created 1, already there 1)" + System.lineSeparator());
    }

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
