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

import dev.library.stores.embedded.OwnerOnlyFiles;
import dev.library.wiring.Management;
import dev.library.wiring.Setting;

/**
 * One library service as a child process: its own JVM running its executable jar, its
 * configuration in environment variables (as a Kubernetes Deployment sets them), its log in a
 * file, ready when its readiness probe says so, stopped with SIGTERM (graceful shutdown). It can
 * be stopped and started again, as a restart.
 */
public final class ServiceProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);
    // A JVM that writes its class-data sharing archive at exit (-XX:ArchiveClassesAtExit) needs longer:
    // seen 25 s and more for book-service on a busy two-core machine; killed, it writes none.
    private static final Duration ARCHIVING_STOP_GRACE = Duration.ofSeconds(120);
    private static final int TAIL_LINES = 30;

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final String javaCommand;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private Duration startUpTime;

    ServiceProcess(String name, Path jar, int port, int managementPort, Path logDir, String javaCommand,
            List<String> jvmOptions, Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logDir.resolve(name + ".log");
        this.javaCommand = javaCommand;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
    }

    /** Starts the process and waits until it is ready. */
    public synchronized void start(Duration readyTimeout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run does: ./mvnw -DskipTests package)");
        }
        OwnerOnlyFiles.createFileIfMissing(logFile); // logs may hold user names and addresses: owner-only
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put(Setting.SERVER_PORT.variable(), String.valueOf(port));
        builder.environment().put(Setting.MANAGEMENT_SERVER_PORT.variable(), String.valueOf(managementPort));
        Instant started = Instant.now();
        process = builder.start();
        awaitReady(started, readyTimeout);
    }

    private void awaitReady(Instant startedAt, Duration timeout) throws InterruptedException {
        Instant deadline = startedAt.plus(timeout);
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + Management.READINESS_PATH);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " during start-up. Last lines of " + logFile + ":\n" + tail());
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
                + logFile + ":\n" + tail());
    }

    /** SIGTERM (the service shuts down gracefully), SIGKILL if it has not exited after a grace period. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        Duration grace = jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                ? ARCHIVING_STOP_GRACE : STOP_GRACE;
        try {
            if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process dies at once, nothing finished, as under the OOM killer or a node loss. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Freezes the process (SIGSTOP): its port stays open but nothing answers, like a hung service. */
    public void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + name + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String url() {
        // 127.0.0.1, not localhost: services bind loopback IPv4 by default, and localhost may mean ::1 first.
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The process id, for measuring it (resident memory). */
    public synchronized long pid() {
        return process.pid();
    }

    public Duration startUpTime() {
        return startUpTime;
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
