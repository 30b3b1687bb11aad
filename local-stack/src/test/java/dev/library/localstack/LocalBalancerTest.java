package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.stores.embedded.RequiredTools;

/** The real nginx ./run puts in front of several gateways or auth-services. */
class LocalBalancerTest {

    @TempDir
    Path dataDir;
    private final List<HttpServer> instances = new ArrayList<>();
    private LocalBalancer balancer;

    @AfterEach
    void stopAll() {
        if (balancer != null) {
            balancer.close();
        }
        instances.forEach(server -> server.stop(0));
    }

    @Test
    void requestsAreSpreadOverEveryInstance() throws Exception {
        int front = startBalancer(List.of(instance("one"), instance("two")));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(post(front).body());
        }

        assertThat(answers).contains("one", "two");
    }

    @Test
    void aPostToAnInstanceThatRefusesConnectionsGoesToTheNextOne() throws Exception {
        int front = startBalancer(List.of(refusingPort(), instance("up")));

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = post(front);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("up");
        }
    }

    @Test
    void theConfigurationListensOnLoopbackOnly() {
        String config = LocalBalancer.config(List.of(new LocalBalancer.Upstream("gateway", 8080, List.of(8180, 8280))),
                Path.of("/data/logs/nginx.log"));

        assertThat(config).contains("listen 127.0.0.1:8080;", "server 127.0.0.1:8180 ", "server 127.0.0.1:8280 ")
                .doesNotContainPattern("listen \\d+;");
    }

    private int startBalancer(List<Integer> ports) throws Exception {
        assumeNginx();
        int front = freePort();
        balancer = LocalBalancer.start(List.of(new LocalBalancer.Upstream("service", front, ports)), dataDir);
        return front;
    }

    private static void assumeNginx() {
        if (RequiredTools.strict()) {
            assertThat(LocalBalancer.nginx()).as("nginx (Debian: nginx; .ci/run installs it)").isPresent();
        }
        assumeTrue(LocalBalancer.nginx().isPresent(), "nginx is not installed (Debian: apt-get install nginx)");
    }

    private int instance(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        instances.add(server);
        return server.getAddress().getPort();
    }

    /** A port nothing listens on: connections are refused, as to an instance that is restarting. */
    private static int refusingPort() {
        return freePort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/books"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
