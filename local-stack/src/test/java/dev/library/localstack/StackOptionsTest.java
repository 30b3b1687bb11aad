package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final Path HOME = Path.of("/srv/library");

    @Test
    void withoutArgumentsDataLivesInDotDataAndStoresAreEmbedded() {
        StackOptions options = StackOptions.parse(new String[0], HOME, Map.of());

        assertThat(options.dataDir()).isEqualTo(HOME.resolve(".data"));
        assertThat(options.mongoUri()).isNull();
        assertThat(options.redisUrl()).isNull();
        assertThat(options.mongoPort()).isEqualTo(27017);
        assertThat(options.redisPort()).isEqualTo(6379);
    }

    @Test
    void monitoringStartsOnlyWhenAskedFor() {
        assertThat(StackOptions.parse(new String[0], HOME, Map.of()).monitoring()).isFalse();
        assertThat(StackOptions.parse(new String[] {"--monitoring"}, HOME, Map.of()).monitoring()).isTrue();
    }

    @Test
    void dataDirMovesTheData() {
        StackOptions options = StackOptions.parse(new String[] {"--data-dir", "/tmp/elsewhere"}, HOME, Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/elsewhere"));
    }

    @Test
    void externalStoresComeFromTheEnvironment() {
        StackOptions options = StackOptions.parse(new String[0], HOME,
                Map.of("MONGODB_URI", "mongodb://db:27017", "REDIS_URL", "redis://cache:6379"));

        assertThat(options.mongoUri()).isEqualTo("mongodb://db:27017");
        assertThat(options.redisUrl()).isEqualTo("redis://cache:6379");
    }

    @Test
    void seedTakesANumberOfBooks() {
        assertThat(StackOptions.parse(new String[] {"--seed", "1000"}, HOME, Map.of()).seed()).isEqualTo(1000);
        assertThat(StackOptions.parse(new String[0], HOME, Map.of()).seed()).isZero();
    }

    @Test
    void aSeedThatIsNotAPositiveNumberIsRefused() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--seed", "0"}, HOME, Map.of()))
                .hasMessageContaining("--seed");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--seed", "many"}, HOME, Map.of()))
                .hasMessageContaining("--seed");
    }

    @Test
    void bookServiceInstancesDefaultToOneAndTakeANumberUpToFour() {
        assertThat(StackOptions.parse(new String[0], HOME, Map.of()).bookServiceInstances()).isEqualTo(1);
        assertThat(StackOptions.parse(new String[] {"--book-service-instances", "2"}, HOME, Map.of())
                .bookServiceInstances()).isEqualTo(2);
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--book-service-instances", "5"}, HOME, Map.of()))
                .hasMessageContaining("--book-service-instances takes a number from 1 to 4");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--fast"}, HOME, Map.of()))
                .hasMessageContaining("unknown option '--fast'");
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> StackOptions.parse(new String[0], HOME, Map.of("REDIS_PORT", "six")))
                .hasMessageContaining("REDIS_PORT");
    }

    @Test
    void aPortOffsetMovesTheStoresDefaultPortsToo() {
        StackOptions options = StackOptions.parse(new String[0], Path.of("/repo"), Map.of("LIBRARY_PORT_OFFSET", "10000"));

        assertThat(options.portOffset()).isEqualTo(10000);
        assertThat(options.mongoPort()).isEqualTo(37017);
        assertThat(options.redisPort()).isEqualTo(16379);
    }

    @Test
    void aPortOffsetThatLeavesThePortRangeIsRefused() {
        assertThatThrownBy(() -> StackOptions.parse(new String[0], Path.of("/repo"), Map.of("LIBRARY_PORT_OFFSET", "40000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LIBRARY_PORT_OFFSET");
    }

    @Test
    void servicesListenOnLoopbackUnlessAnotherAddressIsGiven() {
        assertThat(StackOptions.parse(new String[0], HOME, Map.of()).bindAddress()).isEqualTo("127.0.0.1");
        assertThat(StackOptions.parse(new String[] {"--bind-address", "0.0.0.0"}, HOME, Map.of()).bindAddress())
                .isEqualTo("0.0.0.0");
        assertThat(StackOptions.parse(new String[0], HOME, Map.of("LIBRARY_BIND_ADDRESS", "::")).bindAddress())
                .isEqualTo("::");
    }

    @Test
    void gatewayAndAuthServiceRunAsOneInstanceUnlessAskedForMore() {
        StackOptions single = StackOptions.parse(new String[0], HOME, Map.of());
        StackOptions several = StackOptions.parse(new String[] {"--gateway-instances", "2", "--auth-service-instances", "3"},
                HOME, Map.of());

        assertThat(single.gatewayInstances()).isEqualTo(1);
        assertThat(single.authServiceInstances()).isEqualTo(1);
        assertThat(several.gatewayInstances()).isEqualTo(2);
        assertThat(several.authServiceInstances()).isEqualTo(3);
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--gateway-instances", "5"}, HOME, Map.of()))
                .hasMessageContaining("--gateway-instances takes a number from 1 to 4");
    }
}
