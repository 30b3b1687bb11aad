package dev.library.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's Spring Boot jar unpacked as Spring Boot's {@code -Djarmode=tools extract} lays it out:
 * the application jar next to {@code lib/}, on a plain class path. A class-data sharing archive holds
 * only classes loaded from real jar files, so from the packed jar (jars nested in a jar) it would
 * miss the application and its libraries: measured for the gateway, 9,001 of 14,212 classes came
 * from the archive packed, 13,790 of 14,278 extracted (docs/performance.md).
 */
final class ExtractedJar {

    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    private ExtractedJar() {
    }

    /**
     * The extracted application jar of {@code bootJar} under {@code directory}, extracted again when
     * the Spring Boot jar is newer (rebuilt) than what is there.
     */
    static Path current(Path bootJar, Path directory, String javaCommand) throws IOException, InterruptedException {
        Path extracted = directory.resolve(bootJar.getFileName());
        if (Files.isRegularFile(extracted)
                && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(bootJar)) >= 0) {
            return extracted;
        }
        deleteRecursively(directory);
        Files.createDirectories(directory.getParent());
        Process extract = new ProcessBuilder(List.of(javaCommand, "-Djarmode=tools", "-jar", bootJar.toString(),
                "extract", "--destination", directory.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extract.exitValue() != 0 || !Files.isRegularFile(extracted)) {
            extract.destroyForcibly();
            throw new IllegalStateException("could not extract " + bootJar + " into " + directory);
        }
        return extracted;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
