package dev.library.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComponentTest {

    @Test
    void portsAreTheServicesDefaults() {
        assertThat(Component.GATEWAY.apiPort()).isEqualTo(8080);
        assertThat(Component.GATEWAY.managementPort()).isEqualTo(9080);
        assertThat(Component.AUTH_SERVICE.managementPort()).isEqualTo(9081);
        assertThat(Component.BOOK_SERVICE.managementPort()).isEqualTo(9082);
    }

    @Test
    void onlyTheGatewayTakesOutsideTraffic() {
        assertThat(Component.values()).filteredOn(Component::acceptsOutsideTraffic).containsExactly(Component.GATEWAY);
    }

    @Test
    void authAndBookServiceAreCalledOnlyByTheGateway() {
        assertThat(Component.AUTH_SERVICE.callers()).containsExactlyInAnyOrder(Component.GATEWAY, Component.BOOK_SERVICE);
        assertThat(Component.BOOK_SERVICE.callers()).containsExactly(Component.GATEWAY);
        assertThat(Component.GATEWAY.callers()).isEmpty();
    }

    @Test
    void theGatewayNeverTouchesMongoDb() {
        assertThat(Component.GATEWAY.stores()).containsExactly(Store.REDIS);
        assertThat(Component.GATEWAY.settings()).doesNotContain(Setting.MONGODB_URI);
    }

    @Test
    void environmentHoldsEverySettingGivenAValueInDeclaredOrder() {
        Map<String, String> environment = Component.BOOK_SERVICE.environment(setting -> switch (setting) {
            case MONGODB_URI -> "mongodb://m";
            case JWKS_URI -> Component.jwksUri("http://auth");
            default -> null;
        });

        assertThat(environment).containsExactly(Map.entry("MONGODB_URI", "mongodb://m"),
                Map.entry("LIBRARY_AUTH_JWKS_URI", "http://auth/.well-known/jwks.json"));
    }

    @Test
    void startOrderNeverWaitsOnItself() {
        for (Component component : Component.values()) {
            for (Component before : component.startsAfter()) {
                assertThat(before.ordinal()).isLessThan(component.ordinal());
            }
        }
    }

    @Test
    void bothServicesStartSideBySideAndTheGatewayAfterThem() {
        assertThat(Component.startWaves()).containsExactly(List.of(Component.AUTH_SERVICE, Component.BOOK_SERVICE),
                List.of(Component.GATEWAY));
    }

    @Test
    void unknownComponentIsRefused() {
        assertThatThrownBy(() -> Component.byId("payment-service")).isInstanceOf(IllegalArgumentException.class);
    }
}
