package dev.library.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;

/** The chart passes Helm's strict lint and renders with every values file it is checked with. */
class ChartTest {

    static List<String> valuesNames() {
        return Chart.valuesNames();
    }

    @Test
    void passesStrictLint() {
        LintResult lint = Chart.helm().lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesNames")
    void rendersTheOperatorAndOneLibrary(String values) {
        Manifests rendered = Chart.rendered(values);
        Map<String, Long> kinds = rendered.objects().stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
        System.out.printf("chart with %s: %d objects %s%n", values, rendered.objects().size(), kinds);

        assertThat(rendered.objects()).filteredOn(object -> object.getKind().equals("Library")).singleElement()
                .isInstanceOf(GenericKubernetesResource.class)
                .satisfies(library -> assertThat(library.getMetadata().getName()).isEqualTo("library"));
        assertThat(rendered.objects()).filteredOn(object -> object.getKind().equals("Deployment"))
                .extracting(object -> object.getMetadata().getName()).contains("library-operator");
        assertThat(rendered.objects()).filteredOn(object -> object.getKind().equals("Pod"))
                .extracting(object -> object.getMetadata().getName())
                .containsExactlyInAnyOrder("library-test-gateway-ping", "library-test-gateway-jwks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesNames")
    void everyObjectCarriesTheSharedLabels(String values) {
        assertThat(Chart.rendered(values).objects()).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                .as(Manifests.describe(object))
                .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
                        "app.kubernetes.io/version", "app.kubernetes.io/managed-by")
                .containsEntry("app.kubernetes.io/part-of", "library"));
    }

    @Test
    void theLibrarySpecFollowsTheValues() {
        GenericKubernetesResource library = (GenericKubernetesResource) Chart.rendered("external-stores").objects()
                .stream().filter(object -> object.getKind().equals("Library")).findFirst().orElseThrow();

        assertThat(library.<String>get("spec", "mongodb", "mode")).isEqualTo("External");
        assertThat(library.<String>get("spec", "mongodb", "uriSecret", "name")).isEqualTo("library-mongodb");
        assertThat(library.<Object>get("spec", "mongodb", "size")).isNull();
        assertThat(library.<String>get("spec", "redis", "urlSecret", "name")).isEqualTo("library-redis");
    }

    @Test
    void withMonitoringOffThePodsAreNotAnnotatedForScraping() {
        assertThat(Chart.rendered("monitoring-off").objects()).filteredOn(o -> o.getKind().equals("Library"))
                .singleElement().satisfies(library -> assertThat(((GenericKubernetesResource) library)
                        .<Boolean>get("spec", "monitoring", "scrape")).isFalse());
        assertThat(Chart.rendered("monitoring-off").yaml()).doesNotContain("prometheus.io/scrape");
    }

    @Test
    void prometheusMayReachNodeExporterOnlyWhileTheChartRunsIt() {
        assertThat(prometheusEgressPorts(Map.of())).contains(9100, 10250);
        assertThat(prometheusEgressPorts(Map.of("monitoring.nodeExporter.enabled", "false")))
                .contains(10250).doesNotContain(9100);
    }

    private static List<Integer> prometheusEgressPorts(Map<String, Object> set) {
        NetworkPolicy policy = Manifests.parse("chart", Chart.template(null, set)).objects().stream()
                .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(p -> p.getMetadata().getName().equals("library-prometheus")).findFirst().orElseThrow();
        return policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).filter(Objects::nonNull).toList();
    }
}
