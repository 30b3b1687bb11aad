package dev.library.localstack;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How far {@code ./run --seed} is. On a terminal, one line rewritten after every book; into a
 * file or a pipe (a log, CI), where every rewrite would be a line of its own, a line every few
 * seconds and the last one.
 */
final class SeedingProgress {

    /** Between two lines written to a file or a pipe. */
    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final InstantSource clock;
    private Instant nextLine;

    SeedingProgress(PrintStream out, boolean terminal, InstantSource clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.nextLine = clock.instant();
    }

    /** Progress on {@code System.out}, rewritten in place only when it is a terminal. */
    static SeedingProgress onStandardOutput() {
        return new SeedingProgress(System.out, System.console() != null, Clock.systemUTC());
    }

    synchronized void update(int done, int total, int created, int skipped) {
        String line = String.format("Seeding books: %d/%d (created %d, already there %d)", done, total, created,
                skipped);
        if (terminal) {
            out.print("\r" + line);
            out.flush();
            return;
        }
        Instant now = clock.instant();
        if (done == total || !now.isBefore(nextLine)) {
            out.println(line);
            nextLine = now.plus(LINE_INTERVAL);
        }
    }

    /** A message between progress lines, e.g. the first failure. */
    synchronized void say(String message) {
        if (terminal) {
            out.println();
        }
        out.println(message);
    }

    /** Ends the rewritten line on a terminal. */
    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }
}
