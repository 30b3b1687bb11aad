package dev.library.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.library.stores.embedded.OwnerOnlyFiles;

/**
 * {@code ./run ctl}: the control channel of a running stack. The stack listens on a loopback port
 * and writes that port and a random token to {@code DATA_DIR/control} (owner-only); {@code ./run ctl}
 * reads the file and sends the command. Another user of the machine can neither read the token nor
 * reach the port from elsewhere.
 */
public final class Control implements AutoCloseable {

    static final String USAGE = """
            Usage: ./run [--data-dir DIR] ctl COMMAND

            Commands for a running ./run (started with the same data directory):
              status              every service instance: state, pid, restarts, ports
              stop NAME           stop an instance as a pod is stopped (preStop wait, graceful shutdown);
                                  it stays stopped
              start NAME          start a stopped instance and wait until it is ready
              restart NAME        stop, start, wait until ready (NAME: e.g. book-service-2)
              rollout SERVICE     restart every instance of SERVICE (gateway, auth-service, book-service)
                                  one at a time, each ready before the next stops
              kill NAME           SIGKILL an instance (a crash: it is restarted with backoff)
              freeze NAME SECONDS SIGSTOP an instance or redis, SIGCONT SECONDS later (1 to 300)
              restart redis       stop and start the Redis ./run started (its data is gone)
            """;
    static final String FILE_NAME = "control";
    private static final String TOKEN_HEADER = "X-Library-Control-Token";
    /** A rollout of several instances, each waiting for readiness, can take minutes on a busy machine. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(15);
    /** A freeze is an experiment, not an outage: bounded. */
    private static final Duration MAX_FREEZE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService workers;
    private final Path file;

    private Control(HttpServer server, ExecutorService workers, Path file) {
        this.server = server;
        this.workers = workers;
        this.file = file;
    }

    /** Listens on a free loopback port for commands to {@code supervisor}; writes {@code DATA_DIR/control}. */
    public static Control serve(Supervisor supervisor, Path dataDir) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Several at once: status answers while a rollout runs.
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "control");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> handle(exchange, token, supervisor));
        server.start();
        Path file = dataDir.resolve(FILE_NAME);
        Files.deleteIfExists(file);
        OwnerOnlyFiles.createFileIfMissing(file);
        Files.writeString(file, server.getAddress().getPort() + " " + token + "\n", StandardCharsets.UTF_8);
        return new Control(server, workers, file);
    }

    private static void handle(HttpExchange exchange, String token, Supervisor supervisor) throws IOException {
        try (exchange) {
            String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 403, "wrong or missing control token\n");
                return;
            }
            String[] command = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1),
                    StandardCharsets.UTF_8).split("/");
            try {
                reply(exchange, 200, run(command, supervisor));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, e.getMessage() + "\n");
            } catch (IOException | RuntimeException e) {
                reply(exchange, 500, e.getMessage() + "\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 500, "interrupted\n");
            }
        }
    }

    static String run(String[] command, Supervisor supervisor) throws IOException, InterruptedException {
        String verb = command[0];
        if (verb.equals("status") && command.length == 1) {
            return supervisor.status();
        }
        if (verb.equals("freeze") && command.length == 3) {
            supervisor.freeze(command[1], Duration.ofSeconds(seconds(command[2])));
            return "froze " + command[1] + " for " + command[2] + " s\n";
        }
        if (command.length == 2 && verb.equals("restart") && command[1].equals(Supervisor.REDIS)) {
            supervisor.restartRedis();
            return "restarted redis (empty)\n";
        }
        if (command.length != 2) {
            throw new IllegalArgumentException("unknown command '" + String.join(" ", command) + "'\n\n" + USAGE);
        }
        String name = command[1];
        switch (verb) {
            case "stop" -> supervisor.stop(name);
            case "start" -> supervisor.start(name);
            case "restart" -> supervisor.restart(name);
            case "kill" -> supervisor.kill(name);
            case "rollout" -> {
                List<String> rolled = supervisor.rollout(name);
                return "rolled out " + String.join(", ", rolled) + "\n";
            }
            default -> throw new IllegalArgumentException("unknown command '" + verb + "'\n\n" + USAGE);
        }
        return verb + " " + name + ": done\n";
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= MAX_FREEZE.toSeconds()) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("freeze takes 1 to " + MAX_FREEZE.toSeconds() + " seconds, not '" + value + "'");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * {@code ./run ctl ARGS} against the stack whose control file is in {@code dataDir}: prints its
     * answer; returns the exit code (0 done, 1 failed, 2 bad command or no running stack).
     */
    public static int send(Path dataDir, List<String> args) throws InterruptedException {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            System.out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Path file = dataDir.resolve(FILE_NAME);
        String[] portAndToken;
        try {
            portAndToken = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
        } catch (IOException e) {
            System.err.println("./run ctl: no running stack with data in " + dataDir + " (" + file + " is missing)");
            return 2;
        }
        String path = String.join("/", args.stream().map(arg -> java.net.URLEncoder.encode(arg, StandardCharsets.UTF_8))
                .toList());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portAndToken[0] + "/" + path))
                .header(TOKEN_HEADER, portAndToken[1]).timeout(COMMAND_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            (response.statusCode() == 200 ? System.out : System.err).print(response.body());
            return response.statusCode() == 200 ? 0 : response.statusCode() == 400 ? 2 : 1;
        } catch (IOException e) {
            System.err.println("./run ctl: the stack with data in " + dataDir + " does not answer (" + e + ")");
            return 2;
        }
    }

    /** Stops listening and removes the control file. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the stack is stopping; a stale file only makes ./run ctl say the stack does not answer
        }
    }
}
