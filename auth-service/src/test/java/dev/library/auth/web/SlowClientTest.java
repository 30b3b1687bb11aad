package dev.library.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import dev.library.auth.AuthServiceTest;

/**
 * Finding 12 of issue 26: connections sending a body slowly (or headers, then nothing) held
 * auth-service's threads for a minute each, and 22 of them held all 20. The service now ends such
 * connections itself: headers and each read within Tomcat's connection timeout, the whole body
 * within the body-read deadline. Each test watches one such connection and gives up after 30 s,
 * well past the deadlines (5 s and 10 s) and well short of the old 60 s.
 */
class SlowClientTest extends AuthServiceTest {

    private static final int GIVE_UP_SECONDS = 30;

    @Value("${local.server.port}")
    private int port;

    @Test
    void aBodyDrippedByteByByteIsCutOffWith408() throws IOException, InterruptedException {
        String body = "{\"username\":\"slow-" + "x".repeat(10) + "\",\"password\":\"" + "p".repeat(60) + "\"}";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = null;
            for (int second = 0; second < GIVE_UP_SECONDS && answer == null; second++) {
                try {
                    out.write(body.charAt(second % body.length()));
                    out.flush();
                } catch (IOException closedByServer) {
                    answer = "closed";
                    break;
                }
                answer = readWithin(socket, 1_000);
            }

            assertThat(answer).as("the server answered or closed within %d s", GIVE_UP_SECONDS).isNotNull();
            if (!answer.equals("closed")) {
                assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
            }
        }
    }

    @Test
    void aConnectionThatSendsHalfItsHeadersIsClosed() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /api/ping HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(GIVE_UP_SECONDS * 1_000);

            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException stillOpen) {
                first = -2;
            } catch (IOException reset) {
                first = -1;
            }

            assertThat(first).as("the server ended the connection within %d s", GIVE_UP_SECONDS).isNotEqualTo(-2);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /** What the server sent within the time, "closed" when it closed, null when it said nothing. */
    private static String readWithin(Socket socket, int millis) throws IOException, InterruptedException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[4096];
        try {
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "closed" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException nothingYet) {
            return null;
        } catch (IOException reset) {
            return "closed";
        }
    }
}
