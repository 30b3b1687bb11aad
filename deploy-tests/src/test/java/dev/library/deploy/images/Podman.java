package dev.library.deploy.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line, with runc and modest ulimits (images/containers.conf: crun cannot set
 * rlimits in every sandbox). Every call waits for podman and fails with its output.
 */
final class Podman {

    private final Path executable;
    private final Path containersConf;

    Podman(Path executable, Path containersConf) {
        this.executable = executable;
        this.containersConf = containersConf;
    }

    String run(int timeoutSeconds, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        return exec(command, Map.of("CONTAINERS_CONF", containersConf.toString()), timeoutSeconds, null);
    }

    String run(String... arguments) {
        return run(120, List.of(arguments));
    }

    /** A podman command that may fail: its exit status and output, for tests about failures. */
    Outcome attempt(int timeoutSeconds, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        try {
            return new Outcome(0, exec(command, Map.of("CONTAINERS_CONF", containersConf.toString()), timeoutSeconds, null));
        } catch (CommandFailed failed) {
            return new Outcome(failed.exitStatus, failed.output);
        }
    }

    record Outcome(int exitStatus, String output) {
    }

    /** A command that ran and exited non-zero. */
    static final class CommandFailed extends AssertionError {
        final int exitStatus;
        final String output;

        CommandFailed(String command, int exitStatus, String output) {
            super(command + " exited " + exitStatus + ":\n" + output);
            this.exitStatus = exitStatus;
            this.output = output;
        }
    }

    /** Runs a command (also used for the base-image script and Maven), returning its output. */
    static String exec(List<String> command, Map<String, String> environment, int timeoutSeconds, Path directory) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append(e);
                }
            }, "podman-output");
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
            }
            reader.join();
            if (process.exitValue() != 0) {
                throw new CommandFailed(String.join(" ", command), process.exitValue(), output.toString());
            }
            return output.toString();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
