package dev.library.storeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Against a real redis-server started with --requirepass, as the operator runs the managed Redis. */
class RedisPasswordTest {

    private static final String PASSWORD = "test-only-password_x-1";
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedisWithAPassword() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--requirepass", PASSWORD).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    @AfterAll
    static void stopRedis() {
        redis.destroy();
    }

    @Test
    void theClientAuthenticatesWithLibraryRedisPassword() {
        RedissonClient client = client(PASSWORD);
        try {
            client.getBucket("k").set("v");
            assertThat(client.<String>getBucket("k").get()).isEqualTo("v");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void withoutThePasswordRedisRefusesTheClient() {
        RedissonClient client = client("");
        try {
            assertThatThrownBy(() -> client.getBucket("k").get()).hasStackTraceContaining("NOAUTH");
        } finally {
            client.shutdown();
        }
    }

    private static RedissonClient client(String password) {
        RedisProperties properties = new RedisProperties("redis://127.0.0.1:" + port, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 0, null, null, 1, 1, password);
        return new StoreClientsAutoConfiguration.RedisClient().redissonClient(properties);
    }
}
