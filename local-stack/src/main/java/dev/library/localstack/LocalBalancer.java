package dev.library.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.library.stores.embedded.RequiredTools;

/**
 * nginx in front of a service run as several instances ({@code --gateway-instances 2}): it listens
 * on the service's usual port and spreads connections round robin over the instances, as a
 * Kubernetes Service does over pods. An instance that refuses connections (stopping, restarting) is
 * skipped at once and left out for a moment ({@code max_fails=1}); a request whose connection was
 * refused goes to the next instance, whatever its method, since it never reached the first. A
 * request that did reach an instance is not sent again unless it is idempotent (nginx's default).
 */
final class LocalBalancer implements AutoCloseable {

    /** Listen port to the instances' ports, per balanced service. */
    record Upstream(String name, int listenPort, List<Integer> instancePorts) {
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Longer than the gateway's own response timeout and retries: nginx must not give up first. */
    private static final String READ_TIMEOUT = "60s";
    /** An instance that refused a connection is left out this long before it is tried again. */
    private static final String FAIL_TIMEOUT = "2s";

    private final Process process;

    private LocalBalancer(Process process) {
        this.process = process;
    }

    /** Debian's nginx, on the PATH or in /usr/sbin (not on a user's PATH). */
    static Optional<Path> nginx() {
        return RequiredTools.onPath("nginx").or(() -> Optional.of(Path.of("/usr/sbin/nginx")).filter(Files::isExecutable));
    }

    static LocalBalancer start(List<Upstream> upstreams, Path dataDir) throws IOException, InterruptedException {
        Path nginx = nginx().orElseThrow(() -> new IllegalStateException(
                "several gateway or auth-service instances need nginx in front of them (Debian: apt-get install nginx)"));
        Path prefix = Files.createDirectories(dataDir.resolve("nginx"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(upstreams, dataDir.resolve("logs").resolve("nginx.log")));
        Process process = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(dataDir.resolve("logs")).resolve("nginx.log").toFile()))
                .start();
        LocalBalancer balancer = new LocalBalancer(process);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (Upstream upstream : upstreams) {
            while (!listening(upstream.listenPort())) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    balancer.close();
                    throw new IllegalStateException("nginx did not start; see " + dataDir.resolve("logs").resolve("nginx.log"));
                }
                Thread.sleep(100);
            }
        }
        return balancer;
    }

    /** The whole nginx configuration: one upstream and one loopback server per balanced service. */
    static String config(List<Upstream> upstreams, Path errorLog) {
        String servers = upstreams.stream().map(upstream -> """
                  upstream %1$s {
                %2$s  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://%1$s;
                      proxy_http_version 1.1;
                      proxy_set_header Host $http_host;
                      proxy_set_header Connection "";
                      proxy_connect_timeout 1s;
                      proxy_read_timeout %4$s;
                      proxy_send_timeout %4$s;
                      proxy_buffering off;
                      proxy_request_buffering off;
                      proxy_next_upstream error timeout;
                    }
                  }
                """.formatted(upstream.name(), upstream.instancePorts().stream()
                        .map(port -> "    server 127.0.0.1:" + port + " max_fails=1 fail_timeout=" + FAIL_TIMEOUT + ";\n")
                        .collect(Collectors.joining()), upstream.listenPort(), READ_TIMEOUT))
                .collect(Collectors.joining());
        return """
                # Written by ./run for --gateway-instances / --auth-service-instances; rewritten at every start.
                daemon off;
                worker_processes 1;
                pid nginx.pid;
                error_log %s warn;
                events {
                  worker_connections 4096;
                }
                http {
                  access_log off;
                  client_max_body_size 1m;
                %s}
                """.formatted(errorLog, servers);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGQUIT would wait for open connections; at the stack's stop SIGTERM is enough. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
