package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.library.wiring.Component;
import dev.library.wiring.JvmOptions;

class StackWiringTest {

    private final Stack stack = new Stack(new Stack.Config(Path.of("/repo"), Path.of("/data"), "mongodb://127.0.0.1:1",
            "redis://127.0.0.1:2", new Stack.Ports(10, 20, 11, 21, 12, 22),
            Map.of("LIBRARY_ADMIN_USERNAME", "admin"), List.of()));

    @Test
    void gatewayIsPointedAtBothServicesOnTheirApiPorts() {
        assertThat(stack.environment(Component.GATEWAY))
                .containsEntry("LIBRARY_GATEWAY_AUTH_SERVICE_URI", "http://127.0.0.1:11")
                .containsEntry("LIBRARY_GATEWAY_BOOK_SERVICE_URI", "http://127.0.0.1:12")
                .containsEntry("LIBRARY_AUTH_JWKS_URI", "http://127.0.0.1:11/.well-known/jwks.json")
                .containsEntry("REDIS_URL", "redis://127.0.0.1:2")
                .doesNotContainKey("MONGODB_URI");
    }

    @Test
    void authServiceGetsStoresIssuerAndDataDirAndTheCallersExtras() {
        assertThat(stack.environment(Component.AUTH_SERVICE))
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:1")
                .containsEntry("LIBRARY_AUTH_ISSUER", "http://localhost:11")
                .containsEntry("LIBRARY_DATA_DIR", Path.of("/data").toString())
                .containsEntry("LIBRARY_ADMIN_USERNAME", "admin");
    }

    @Test
    void eachServiceGetsTheJvmOptionsWithItsOwnNameInThem() {
        Stack withOptions = new Stack(new Stack.Config(Path.of("/repo"), Path.of("/data"), "mongodb://127.0.0.1:1",
                "redis://127.0.0.1:2", new Stack.Ports(10, 20, 11, 21, 12, 22), Map.of(),
                JvmOptions.onHost(Path.of("/data/cds/" + Stack.SERVICE_NAME + ".jsa"), Runtime.Version.parse("21.0.5"))));

        assertThat(withOptions.jvmOptions("book-service-2")).contains("-XX:+UseSerialGC", JvmOptions.HOST_HEAP,
                "-XX:SharedArchiveFile=" + Path.of("/data/cds/book-service-2.jsa"));
        assertThat(withOptions.jvmOptions("gateway")).contains("-XX:SharedArchiveFile=" + Path.of("/data/cds/gateway.jsa"));
    }

    @Test
    void bookServiceValidatesTokensAgainstAuthServiceKeysAndConfirmsAdminsWithIt() {
        assertThat(stack.environment(Component.BOOK_SERVICE))
                .containsEntry("LIBRARY_AUTH_JWKS_URI", "http://127.0.0.1:11/.well-known/jwks.json")
                .containsEntry("LIBRARY_ADMIN_CHECK_INTROSPECTION_URI", "http://127.0.0.1:11/internal/introspect")
                .containsEntry("LIBRARY_AUTH_ISSUER", "http://localhost:11");
    }

    @Test
    void everyServiceAndItsActuatorListenOnLoopbackUnlessTheCallerSaysOtherwise() {
        for (Component component : Component.values()) {
            assertThat(stack.environment(component)).as(component.id())
                    .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                    .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        }
        Stack open = new Stack(new Stack.Config(Path.of("/repo"), Path.of("/data"), "mongodb://127.0.0.1:1",
                "redis://127.0.0.1:2", new Stack.Ports(10, 20, 11, 21, 12, 22),
                Map.of("SERVER_ADDRESS", "0.0.0.0", "MANAGEMENT_SERVER_ADDRESS", "0.0.0.0"), List.of()));
        assertThat(open.environment(Component.GATEWAY)).containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
    }

    @Test
    void severalGatewaysListenAboveTheirUsualPortWhichTheBalancerTakes() {
        Stack.Ports ports = new Stack.Ports(8080, 9080, 8081, 9081, 8082, 9082);

        assertThat(ports.instance(Component.GATEWAY, 1, 1)).isEqualTo(8080);
        assertThat(ports.instance(Component.GATEWAY, 1, 2)).isEqualTo(8180);
        assertThat(ports.instance(Component.GATEWAY, 2, 2)).isEqualTo(8280);
        assertThat(ports.instanceManagement(Component.AUTH_SERVICE, 2, 2)).isEqualTo(9281);
        assertThat(ports.instance(Component.BOOK_SERVICE, 1, 2)).as("book-service: the gateway balances it").isEqualTo(8082);
        assertThat(ports.instance(Component.BOOK_SERVICE, 2, 2)).isEqualTo(8182);
    }

    @Test
    void withSeveralAuthServicesEveryCallerStillUsesAuthServicesUsualPort() {
        Stack several = new Stack(new Stack.Config(Path.of("/repo"), Path.of("/data"), "mongodb://127.0.0.1:1",
                "redis://127.0.0.1:2", new Stack.Ports(10, 20, 11, 21, 12, 22), Map.of(), List.of(), 1, 2, 2));

        assertThat(several.environment(Component.GATEWAY)).containsEntry("LIBRARY_GATEWAY_AUTH_SERVICE_URI", "http://127.0.0.1:11");
        assertThat(several.environment(Component.BOOK_SERVICE))
                .containsEntry("LIBRARY_ADMIN_CHECK_INTROSPECTION_URI", "http://127.0.0.1:11/internal/introspect");
        assertThat(several.gatewayUrl()).isEqualTo("http://127.0.0.1:10");
    }
}
