package dev.library.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.stores.embedded.RequiredTools;

/**
 * monitoring.kubePrometheusStack.enabled: the chart renders prometheus-operator objects and a
 * sidecar-labelled dashboard ConfigMap from the same files as the bundled stack, instead of it.
 */
class KubePrometheusStackChartTest {

    private static final Path MONITORING_FILES = Project.chart().resolve("files/monitoring");
    private static final List<String> MONITORING_KINDS = List.of("PodMonitor", "ServiceMonitor", "PrometheusRule");
    private static Manifests rendered;

    @TempDir
    Path dir;

    @BeforeAll
    static void render() {
        rendered = Manifests.parse("kube-prometheus-stack", Chart.template(null, Map.of(
                "monitoring.kubePrometheusStack.enabled", "true", "monitoring.kubePrometheusStack.prometheusNamespace",
                "monitoring", "monitoring.nodeExporter.enabled", "false")));
    }

    @Test
    void theLibraryLetsTheStacksPrometheusReachTheManagementPortsFromItsNamespace() {
        assertThat(rendered.asMaps()).filteredOn(object -> "Library".equals(object.get("kind"))).singleElement()
                .extracting(object -> ((Map<?, ?>) ((Map<?, ?>) object.get("spec")).get("monitoring")).get("prometheusNamespace"))
                .isEqualTo("monitoring");
    }

    @Test
    void withoutThePrometheusNamespaceTheChartRefusesToRender() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("monitoring.kubePrometheusStack.enabled", "true",
                "monitoring.nodeExporter.enabled", "false")))
                .hasMessageContaining("monitoring.kubePrometheusStack.prometheusNamespace");
    }

    @Test
    void theBundledPrometheusAlertmanagerAndGrafanaAreNotRendered() {
        assertThat(rendered.objects()).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
                .doesNotContain("Deployment library-prometheus", "Deployment library-grafana", "Deployment library-alertmanager")
                .contains("Deployment library-kube-state-metrics", "PodMonitor library-library-pods",
                        "ServiceMonitor library-kube-state-metrics", "PrometheusRule library-library");
    }

    @Test
    void theMonitorsAndRulesMatchThePrometheusOperatorSchemas() throws IOException {
        Path schema = Project.home().resolve("monitoring/schema");
        if (!Files.isDirectory(schema.resolve("node_modules/@kubernetes-models/prometheus-operator"))) {
            String message = "monitoring/schema has no @kubernetes-models/prometheus-operator: run `npm ci --prefix monitoring/schema` (.ci/run does)";
            if (RequiredTools.strict()) {
                throw new AssertionError(message);
            }
            Assumptions.assumeThat(false).as(message).isTrue();
        }
        List<Map<String, Object>> objects = rendered.asMaps().stream().filter(o -> MONITORING_KINDS.contains(o.get("kind"))).toList();
        Path input = Files.writeString(dir.resolve("objects.json"), new ObjectMapper().writeValueAsString(objects));

        String output = run(schema, List.of(Project.requireTool("node").toString(), "validate-prometheus-operator.mjs", input.toString()));

        assertThat(output.lines().filter(line -> line.startsWith("valid "))).as(output).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleCarriesTheRuleFilesLessTheStacksOwnAlertsAndPassesPromtool() throws IOException {
        Map<String, Object> rule = rendered.asMaps().stream().filter(o -> "PrometheusRule".equals(o.get("kind"))).findFirst().orElseThrow();
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups");
        List<String> omitted = List.of("Watchdog", "PrometheusSelfScrapeFailing", "KubeletCadvisorScrapeFailing",
                "NodeExporterScrapeFailing", "NodeDown");

        List<String> expected = new ArrayList<>();
        try (var files = Files.list(MONITORING_FILES.resolve("prometheus/rules"))) {
            for (Path file : files.sorted().toList()) {
                Map<String, Object> rules = new Yaml().load(Files.readString(file));
                for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                    for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                        String name = (String) r.getOrDefault("alert", r.get("record"));
                        if (!omitted.contains(name)) {
                            expected.add(group.get("name") + "/" + name + ": " + r.get("expr"));
                        }
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                actual.add(group.get("name") + "/" + r.getOrDefault("alert", r.get("record")) + ": " + r.get("expr"));
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(groups).anyMatch(g -> "library-red-slo-long".equals(g.get("name")) && "1m".equals(g.get("interval")));

        Path file = Files.writeString(dir.resolve("rules.yml"), new Yaml().dump(Map.of("groups", groups)));
        String output = run(dir, List.of(Project.requireTool("promtool").toString(), "check", "rules", file.toString()));
        assertThat(output).contains("SUCCESS: " + expected.size() + " rules found");
    }

    @Test
    void theDashboardsAreAConfigMapGrafanasSidecarLoadsWithTheSameJson() throws IOException {
        Map<String, Object> configMap = rendered.asMaps().stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")) && "library-grafana-dashboards".equals(((Map<?, ?>) o.get("metadata")).get("name")))
                .findFirst().orElseThrow();

        assertThat(((Map<?, ?>) ((Map<?, ?>) configMap.get("metadata")).get("labels")).get("grafana_dashboard")).isEqualTo("1");
        Map<?, ?> data = (Map<?, ?>) configMap.get("data");
        try (var files = Files.list(MONITORING_FILES.resolve("grafana/dashboards"))) {
            for (Path file : files.toList()) {
                assertThat(data.get(file.getFileName().toString())).as(file.toString()).isEqualTo(Files.readString(file));
            }
        }
    }

    private static String run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
