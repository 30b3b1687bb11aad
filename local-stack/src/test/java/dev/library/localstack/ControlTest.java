package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control channel of ./run ctl, against a stack with no service started. */
class ControlTest {

    @TempDir
    Path dataDir;
    private Supervisor supervisor;
    private Control control;

    @BeforeEach
    void serve() throws Exception {
        Stack stack = new Stack(new Stack.Config(Path.of("/repo"), dataDir, "mongodb://127.0.0.1:1", "redis://127.0.0.1:2",
                new Stack.Ports(10, 20, 11, 21, 12, 22), Map.of(), List.of()));
        supervisor = new Supervisor(stack, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        control = Control.serve(supervisor, dataDir);
    }

    @AfterEach
    void close() {
        control.close();
        supervisor.close();
    }

    @Test
    void theControlFileIsReadableByItsOwnerOnlyAndGoneWhenTheStackStops() throws Exception {
        Path file = dataDir.resolve(Control.FILE_NAME);

        assertThat(Files.getPosixFilePermissions(file))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        control.close();
        assertThat(file).doesNotExist();
        assertThat(Control.send(dataDir, List.of("status"))).as("no running stack").isEqualTo(2);
    }

    @Test
    void statusAnswersWithTheToken() throws Exception {
        assertThat(Control.send(dataDir, List.of("status"))).isZero();
    }

    @Test
    void aCommandWithoutTheTokenIsRefused() throws Exception {
        String port = Files.readString(dataDir.resolve(Control.FILE_NAME)).split(" ")[0];

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void unknownCommandsAndServicesAreBadCommands() throws Exception {
        assertThat(Control.send(dataDir, List.of("reboot", "gateway"))).isEqualTo(2);
        assertThat(Control.send(dataDir, List.of("restart", "no-such-service"))).isEqualTo(2);
    }

    @Test
    void aFreezeIsBounded() {
        assertThatThrownBy(() -> Control.run(new String[] {"freeze", "book-service", "301"}, supervisor))
                .hasMessageContaining("freeze takes 1 to 300 seconds");
        assertThatThrownBy(() -> Control.run(new String[] {"freeze", "book-service", "0"}, supervisor))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redisOfAnExternalStoreIsNotControlled() {
        assertThatThrownBy(() -> Control.run(new String[] {"restart", "redis"}, supervisor))
                .hasMessageContaining("external Redis");
    }
}
