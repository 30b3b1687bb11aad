package dev.library.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import dev.library.stores.embedded.RequiredTools;

/** Where the repository is, and the tools the deploy checks need (a failure on CI when missing). */
public final class Project {

    private Project() {
    }

    /** The repository root: {@code library.home} (set by Maven), else the nearest parent with mvnw. */
    public static Path home() {
        String configured = System.getProperty("library.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found; set -Dlibrary.home");
    }

    public static Path chart() {
        return home().resolve("helm/library");
    }

    /** The tool on the PATH; skips the test when it is missing, or fails it under CI=true. */
    public static Path requireTool(String name) {
        Optional<Path> tool = RequiredTools.onPath(name);
        if (tool.isEmpty() && RequiredTools.strict()) {
            throw new AssertionError(name + " is required under CI=true (.ci/run installs it)");
        }
        Assumptions.assumeTrue(tool.isPresent(), name + " not installed: skipped (CI=true makes this a failure)");
        return tool.get();
    }
}
