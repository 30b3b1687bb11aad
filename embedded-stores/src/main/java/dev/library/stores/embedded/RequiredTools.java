package dev.library.stores.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finding the external tools tests rely on. On CI ({@code CI=true}) a missing tool is a failure,
 * never a reason to skip: CI must not pass by testing less.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** True when running under CI, where every tool a test needs must be installed. */
    public static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The executable named {@code name} on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
