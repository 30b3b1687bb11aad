package dev.library.deploy.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.chart.Chart;

/**
 * `helm upgrade` from the default values to each ci values file (and to a new image tag or a larger
 * Prometheus volume) must not touch a field the API server keeps as first created, or the upgrade
 * fails half-way. The operator's own objects are checked the same way by the operator's
 * ImmutableFieldsTest (with the operator's list of such fields; this is the chart's).
 */
class ChartUpgradeImmutableFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chart's kinds and what the API server refuses to change in them (the operator's list holds the same). */
    static final Map<String, List<String>> IMMUTABLE = Map.of(
            "Deployment", List.of("/spec/selector"),
            "DaemonSet", List.of("/spec/selector"),
            "StatefulSet", List.of("/spec/selector", "/spec/serviceName", "/spec/volumeClaimTemplates", "/spec/podManagementPolicy"),
            "Service", List.of("/spec/clusterIP", "/spec/type"),
            "PersistentVolumeClaim", List.of("/spec/accessModes", "/spec/storageClassName", "/spec/volumeMode",
                    "/spec/selector", "/spec/volumeName"));

    static Stream<Arguments> upgrades() {
        Stream<Arguments> ciFiles = Chart.valuesNames().stream().filter(name -> !name.equals(Chart.DEFAULTS))
                .map(name -> Arguments.of("to ci/" + name + "-values.yaml", Chart.rendered(name)));
        return Stream.concat(ciFiles, Stream.of(
                Arguments.of("to a new image tag", Manifests.parse("new tag", Chart.template(null, Map.of("image.tag", "0.2.0")))),
                Arguments.of("to a larger Prometheus volume", Manifests.parse("larger volume",
                        Chart.template(null, Map.of("monitoring.prometheus.storage.size", "16Gi"))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upgrades")
    void anUpgradeFromTheDefaultsChangesNoFieldTheApiServerKeeps(String upgrade, Manifests after) {
        assertThat(refusedChanges(Chart.rendered(Chart.DEFAULTS), after)).as("immutable fields changed %s", upgrade).isEmpty();
    }

    /** The comparison does see a refused change: a PVC's StorageClass (a known limit: move the data by hand). */
    @org.junit.jupiter.api.Test
    void aNewStorageClassForPrometheusIsSeenAsOneTheApiServerRefuses() {
        Manifests after = Manifests.parse("other class", Chart.template(null, Map.of("monitoring.prometheus.storage.storageClass", "longhorn")));
        assertThat(refusedChanges(Chart.rendered(Chart.DEFAULTS), after))
                .containsExactlyEntriesOf(Map.of("PersistentVolumeClaim library-prometheus", List.of("/spec/storageClassName")));
    }

    /** "Kind name" -> immutable fields that differ, for every object both renders hold. */
    static Map<String, List<String>> refusedChanges(Manifests before, Manifests after) {
        Map<String, List<String>> refused = new TreeMap<>();
        int compared = 0;
        for (Map<String, Object> old : before.asMaps()) {
            JsonNode was = JSON.valueToTree(old);
            for (Map<String, Object> next : after.asMaps()) {
                JsonNode now = JSON.valueToTree(next);
                if (!was.path("kind").equals(now.path("kind")) || !was.at("/metadata/name").equals(now.at("/metadata/name"))) {
                    continue;
                }
                List<String> fields = IMMUTABLE.getOrDefault(was.path("kind").asText(), List.of()).stream()
                        .filter(path -> !was.at(path).equals(now.at(path))).toList();
                compared += IMMUTABLE.containsKey(was.path("kind").asText()) ? 1 : 0;
                if (!fields.isEmpty()) {
                    refused.put(was.path("kind").asText() + " " + was.at("/metadata/name").asText(), fields);
                }
            }
        }
        assertThat(compared).as("objects with immutable fields in both renders").isPositive();
        return refused;
    }
}
