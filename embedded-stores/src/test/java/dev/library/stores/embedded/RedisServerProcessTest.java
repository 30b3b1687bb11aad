package dev.library.stores.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class RedisServerProcessTest {

    @Test
    void redisCanBeStoppedAndStartedAgainOnTheSamePort() {
        try (RedisServerProcess redis = RedisServerProcess.start(0)) {
            int port = redis.port();
            assertThat(accepts(port)).isTrue();

            redis.stop();
            assertThat(accepts(port)).isFalse();

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(accepts(port)).isTrue();
        }
    }

    @Test
    void onCiTheSystemRedisServerIsUsed() {
        try (RedisServerProcess redis = RedisServerProcess.start(0)) {
            if (RequiredTools.strict()) {
                assertThat(redis.isSystemBinary()).isTrue();
            } else {
                assertThat(redis.isSystemBinary()).isEqualTo(RedisServerProcess.systemRedisServer().isPresent());
            }
        }
    }

    @Test
    void theServerHasAMemoryLimitAndEvictsNothing() throws IOException {
        try (RedisServerProcess redis = RedisServerProcess.start(0)) {
            assertThat(command(redis.port(), "CONFIG GET maxmemory")).contains(String.valueOf(256L * 1024 * 1024));
            assertThat(command(redis.port(), "CONFIG GET maxmemory-policy")).contains("noeviction");
        }
    }

    /** One inline command, and what Redis answers within a short read. */
    private static String command(int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((command + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] reply = new byte[256];
            int read = socket.getInputStream().read(reply);
            return new String(reply, 0, Math.max(read, 0), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
