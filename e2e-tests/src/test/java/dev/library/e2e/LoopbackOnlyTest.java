package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.library.localstack.ServiceProcess;
import dev.library.localstack.Stack;

/**
 * A local stack listens on this machine only: its actuators and auth-service's introspection are
 * not for the network the machine is on. Read from the kernel's own table of listening sockets.
 */
class LoopbackOnlyTest extends EndToEndTest {

    private static final String LISTEN = "0A";
    private static final String IPV4_LOOPBACK = "0100007F";
    private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

    @Test
    void everyServiceAndActuatorPortListensOnLoopbackOnly() throws IOException {
        for (String name : List.of(Stack.AUTH_SERVICE, Stack.BOOK_SERVICE, Stack.GATEWAY)) {
            ServiceProcess service = stack.service(name);
            for (int port : List.of(service.port(), service.managementPort())) {
                assertThat(listeningAddresses(port)).as("%s port %d", name, port).isNotEmpty()
                        .allMatch(address -> address.equals(IPV4_LOOPBACK) || address.equals(IPV4_MAPPED_LOOPBACK));
            }
        }
    }

    /** The local addresses (kernel hex) of sockets listening on {@code port}, IPv4 and IPv6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals(LISTEN) && local[1].equals(hexPort)) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }
}
