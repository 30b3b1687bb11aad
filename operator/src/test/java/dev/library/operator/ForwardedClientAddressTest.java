package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose forwarded client address each service believes (issue 22, finding 9): the rate limits and
 * sign-in throttling key on it, so a range that is too wide or wrong turns them into one bucket for
 * everyone. The range is the Library's spec.network.podCidr, k3s's 10.42.0.0/16 by default.
 */
class ForwardedClientAddressTest {

    @TempDir
    Path temp;

    @Test
    void theServicesBelieveForwardedAddressesOnlyFromTheLibrarysPodCidr() throws Exception {
        Map<String, Map<String, String>> config = configMaps("""
                network:
                  podCidr: 10.244.0.0/16
                ingress:
                  enabled: true
                  host: books.example.org
                """);

        assertThat(config.get("library-auth-service")).containsEntry("LIBRARY_HTTP_TRUSTED_PROXIES", "10.244.0.0/16");
        assertThat(config.get("library-book-service")).containsEntry("LIBRARY_HTTP_TRUSTED_PROXIES", "10.244.0.0/16");
        Pattern gatewayTrusts = Pattern.compile(config.get("library-gateway").get("LIBRARY_GATEWAY_TRUSTED_PROXIES"));
        assertThat(gatewayTrusts.matcher("10.244.3.17").matches()).as("Traefik's pod address").isTrue();
        assertThat(gatewayTrusts.matcher("10.42.0.1").matches()).as("outside the pod CIDR").isFalse();
        assertThat(gatewayTrusts.matcher("10x244x3x17").matches()).as("dots are literal").isFalse();
    }

    @Test
    void withoutTheFieldTheRangeIsK3sPodCidr() throws Exception {
        Map<String, Map<String, String>> config = configMaps("""
                ingress:
                  enabled: true
                  host: books.example.org
                """);

        assertThat(config.get("library-book-service")).containsEntry("LIBRARY_HTTP_TRUSTED_PROXIES", "10.42.0.0/16");
        assertThat(config.get("library-gateway")).containsEntry("LIBRARY_GATEWAY_TRUSTED_PROXIES", "10\\.42\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Test
    void anExplicitGatewayTrustedProxiesWinsOverThePodCidr() throws Exception {
        Map<String, Map<String, String>> config = configMaps("""
                network:
                  podCidr: 10.244.0.0/16
                gateway:
                  trustedProxies: "172\\\\.16\\\\.0\\\\.5"
                ingress:
                  enabled: true
                  host: books.example.org
                """);

        assertThat(config.get("library-gateway")).containsEntry("LIBRARY_GATEWAY_TRUSTED_PROXIES", "172\\.16\\.0\\.5");
    }

    /** The ConfigMaps `operator.jar render` makes for a Library with this spec, by name. */
    private Map<String, Map<String, String>> configMaps(String spec) throws Exception {
        Path file = temp.resolve("library.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata:\n  name: library\n"
                + "  namespace: library\nspec:\n" + spec.indent(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Render.run(file, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = (List<HasMetadata>) new KubernetesSerialization().unmarshal(out.toString(StandardCharsets.UTF_8));
        return objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .collect(java.util.stream.Collectors.toMap(map -> map.getMetadata().getName(), ConfigMap::getData));
    }
}
