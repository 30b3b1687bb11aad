package dev.library.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Requests written by hand from a chosen loopback address (Java's HTTP client cannot choose its
 * source address), so a test is a client of its own for the edge's per-address limits.
 */
public final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** A loopback address no other test uses: its own rate-limit buckets and bounds. */
    public static String freshClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
    }

    /** The status of the answer to a body-less request from {@code client}, on a connection of its own. */
    public static int status(String base, String client, String requestLine, String... headers) throws IOException {
        return send(base, client, requestLine, null, headers).status();
    }

    /** A request from {@code client} on a connection of its own, with a JSON body unless it is null. */
    public static Answer send(String base, String client, String requestLine, String body, String... headers)
            throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort(),
                InetAddress.getByName(client), 0)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getAuthority()).append("\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            // One write: a body arriving after the edge has answered and closed could make the kernel
            // reset the connection before the answer is read.
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            whole.writeBytes(content);
            socket.getOutputStream().write(whole.toByteArray());
            InputStream in = socket.getInputStream();
            return new Answer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An answer as read from the wire. */
    public record Answer(String text) {

        public int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }
}
