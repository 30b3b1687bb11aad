package dev.library.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One library service as a child process: its own JVM running its executable jar, its log in a
 * file, ready when its readiness probe says so, stopped with SIGTERM (graceful shutdown).
 */
final class ServiceProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private Duration startUpTime;

    ServiceProcess(String name, Path jar, int port, int managementPort, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logDir.resolve(name + ".log");
    }

    void start(String javaCommand, List<String> jvmOptions, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run does: ./mvnw -DskipTests package)");
        }
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        process = builder.start();
    }

    /** Waits until the readiness probe answers 200; fails early if the process dies. */
    void awaitReady(Instant startedAt, Duration timeout) throws InterruptedException {
        Instant deadline = startedAt.plus(timeout);
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " during start-up. Last lines of " + logFile + ":\n" + tail(logFile, 30));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    startUpTime = Duration.between(startedAt, Instant.now());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s. Last lines of "
                + logFile + ":\n" + tail(logFile, 30));
    }

    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Process process() {
        return process;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    int managementPort() {
        return managementPort;
    }

    Path logFile() {
        return logFile;
    }

    Duration startUpTime() {
        return startUpTime;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
