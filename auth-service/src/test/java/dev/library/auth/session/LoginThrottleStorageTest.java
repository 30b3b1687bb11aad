package dev.library.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

import dev.library.auth.AuthServiceTest;
import dev.library.storeconfig.RedisProperties;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * Finding 4 of issue 26: clients could fill Redis through login usernames of any length, and a
 * full Redis switched throttling off. Names are bounded before any counter is kept, and a Redis
 * that refuses writes leaves the throttle on this replica's own counters.
 */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
        disabledReason = "reconfigures the Redis it started; REDIS_URL points at one it does not control")
class LoginThrottleStorageTest extends AuthServiceTest {

    @Autowired
    private RedisProperties redisProperties;

    @Test
    void aUsernameLongerThanAnyAccountsIsRefusedBeforeAnyCounterIsKept() {
        long keysBefore = Long.parseLong(redis("DBSIZE"));

        HttpApi.Response response = login("x".repeat(15_000), "whatever it is");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(redis("DBSIZE"))).isEqualTo(keysBefore);
    }

    @Test
    void wrongLoginsAreStillThrottledWhileRedisIsFull() throws InterruptedException {
        String username = uniqueUsername("full");
        String client = uniqueClientAddress();
        signUp(username, "the right password");
        String maxmemory = redis("CONFIG", "GET", "maxmemory");
        redis("CONFIG", "SET", "maxmemory-policy", "noeviction");
        redis("CONFIG", "SET", "maxmemory", "1");
        try {
            assertThat(redis("SET", "probe", "x")).as("Redis refuses writes").startsWith("OOM");
            for (int i = 0; i < 5; i++) {
                assertThat(login(username, "wrong " + i, client).status()).isEqualTo(401);
            }

            assertThat(login(username, "wrong again", client).status()).isEqualTo(429);
        } finally {
            redis("CONFIG", "SET", "maxmemory", maxmemory);
        }
        // The throttle leaves Redis alone this long after its last failure: later tests expect it back.
        Thread.sleep(redisProperties.outageBypass().toMillis());
    }

    /** One command over RESP; the reply's first line (an array's last element for CONFIG GET). */
    private static String redis(String... command) {
        try (Socket socket = new Socket("127.0.0.1", TestStores.redis().port())) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line.startsWith("*")) {
                String last = null;
                for (int i = 0; i < Integer.parseInt(line.substring(1)); i++) {
                    in.readLine();
                    last = in.readLine();
                }
                return last;
            }
            return line.startsWith("$") ? in.readLine() : line.substring(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
