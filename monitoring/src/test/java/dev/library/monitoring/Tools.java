package dev.library.monitoring;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.library.stores.embedded.RequiredTools;

/**
 * The external programs the checks run (promtool, prometheus, node-exporter, node) and the files
 * they check. A missing program skips a check locally and fails it under CI=true (.ci/run installs them).
 */
final class Tools {

    /** The repository root (tests run in monitoring/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path MONITORING = ROOT.resolve("monitoring");
    static final Path PROMETHEUS_DIR = MONITORING.resolve("prometheus");
    static final Path RULES_DIR = PROMETHEUS_DIR.resolve("rules");
    static final Path DASHBOARDS_DIR = MONITORING.resolve("grafana").resolve("dashboards");
    static final Path SCHEMA_DIR = MONITORING.resolve("schema");

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Tools() {
    }

    /** The program on the PATH; skips (or fails on CI) when it is not installed. */
    static Path require(String program, String debianPackage) {
        Optional<Path> found = RequiredTools.onPath(program);
        if (found.isEmpty()) {
            String message = program + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
            if (RequiredTools.strict()) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return found.get();
    }

    /** The npm packages of monitoring/schema (installed by `npm ci` there; .ci/run does it). */
    static Path requireSchemaPackages() {
        require("node", "nodejs");
        Path modules = SCHEMA_DIR.resolve("node_modules").resolve("@grafana").resolve("schema");
        if (!Files.isDirectory(modules)) {
            String message = "monitoring/schema has no node_modules: run `npm ci --prefix monitoring/schema` (.ci/run does)";
            if (RequiredTools.strict()) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return SCHEMA_DIR;
    }

    static List<Path> ruleFiles() {
        try (var files = Files.list(RULES_DIR)) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> dashboards() {
        try (var files = Files.list(DASHBOARDS_DIR)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion, output and errors together. */
    static Result run(Path directory, List<String> command) {
        try {
            Path log = Files.createTempFile("monitoring-tool", ".log");
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
