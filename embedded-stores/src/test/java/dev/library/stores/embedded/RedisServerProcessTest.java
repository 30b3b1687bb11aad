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

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
