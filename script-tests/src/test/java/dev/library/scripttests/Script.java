package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.library.stores.embedded.RequiredTools;

/** Runs one of the repository's scripts as a process and keeps what it printed. */
final class Script {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String out, String err) {

        /** The lines starting with {@code prefix}, without it. */
        List<String> lines(String prefix) {
            return out.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .toList();
        }
    }

    private Script() {
    }

    /** The tool on the PATH; under CI=true its absence fails the test, otherwise the test is skipped. */
    static Path require(String tool, String install) {
        Optional<Path> found = RequiredTools.onPath(tool);
        if (RequiredTools.strict()) {
            assertThat(found).as("%s on the PATH (%s; .ci/run installs it)", tool, install).isPresent();
        }
        assumeTrue(found.isPresent(), tool + " is not installed (" + install + ")");
        return found.get();
    }

    static Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("script", ".err");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(HOME.toFile())
                .redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("%s ended within %d s", String.join(" ", command), TIMEOUT_SECONDS).isTrue();
        String err = Files.readString(errors);
        Files.delete(errors);
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
    }
}
