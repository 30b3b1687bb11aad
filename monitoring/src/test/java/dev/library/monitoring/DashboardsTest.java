package dev.library.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/** The Grafana dashboards: valid for Grafana's own schema, every query valid PromQL, the variables SREs filter by. */
class DashboardsTest {

    @TempDir
    Path dir;

    @Test
    void everyDashboardValidatesAgainstGrafanasDashboardSchema() {
        Path schema = Tools.requireSchemaPackages();
        List<String> command = new ArrayList<>(List.of(Tools.require("node", "nodejs").toString(), "validate-dashboards.mjs"));
        Tools.dashboards().forEach(file -> command.add(file.toString()));

        Tools.Result result = Tools.run(schema, command);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(line -> line.startsWith("valid "))).hasSize(Tools.dashboards().size());
    }

    @Test
    void theSchemaCheckRejectsAFieldGrafanaDoesNotKnow() throws IOException {
        Path schema = Tools.requireSchemaPackages();
        Path broken = Files.writeString(dir.resolve("broken.json"),
                "{\"title\":\"x\",\"schemaVersion\":41,\"panels\":[{\"type\":\"timeseries\",\"id\":1,\"expression\":\"up\"}]}");

        Tools.Result result = Tools.run(schema, List.of(Tools.require("node", "nodejs").toString(), "validate-dashboards.mjs",
                broken.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("must NOT have additional properties").contains("expression");
    }

    @Test
    void everyPanelAndVariableExpressionParsesAsPromQL() throws IOException {
        // promtool parses each expression as a recording rule: a syntax error fails the file.
        List<Map<String, String>> rules = new ArrayList<>();
        for (Path dashboard : Tools.dashboards()) {
            for (Expressions.Expression expression : Expressions.ofDashboard(dashboard)) {
                rules.add(Map.of("record", "dashboard:expression_" + rules.size() + ":check", "expr", expression.promql()));
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-expressions.yml"),
                new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules)))));

        Tools.Result result = Tools.run(dir, List.of(Tools.require("promtool", "prometheus").toString(), "check", "rules",
                file.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + rules.size() + " rules found");
    }

    @Test
    void applicationDashboardsFilterByNamespaceServiceAndPod() {
        for (String name : List.of("api.json", "jvm.json", "containers.json")) {
            JsonNode dashboard = Expressions.readJson(Tools.DASHBOARDS_DIR.resolve(name));
            assertThat(dashboard.get("templating").get("list").valueStream().map(v -> v.get("name").asString()))
                    .as(name).containsExactly("datasource", "namespace", "service", "pod");
        }
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceChosenInTheDashboard() {
        for (Path file : Tools.dashboards()) {
            JsonNode dashboard = Expressions.readJson(file);
            assertThat(dashboard.get("templating").get("list").get(0).get("type").asString()).as(file.toString()).isEqualTo("datasource");
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(panel.get("datasource").get("uid").asString()).as(file + " / " + panel.get("title")).isEqualTo("${datasource}");
                panel.get("targets").forEach(target -> assertThat(target.get("datasource").get("uid").asString()).isEqualTo("${datasource}"));
            }
        }
    }

    @Test
    void everyCopyOfTheDashboardsIsExactlyWhatTheGeneratorWrites() throws IOException {
        Path generated = dir.resolve("generated");
        Tools.Result result = Tools.run(Tools.MONITORING, List.of(Tools.require("python3", "python3").toString(),
                "grafana/generate_dashboards.py", "--out", generated.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();

        Map<String, String> expected = new java.util.TreeMap<>();
        try (var files = Files.list(generated)) {
            for (Path file : files.sorted().toList()) {
                expected.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertThat(expected).hasSize(5);
        Path chartCopy = Tools.ROOT.resolve("helm/library/files/monitoring/grafana/dashboards");
        Map<String, Object> configMap = new Yaml().load(Files.readString(
                Tools.ROOT.resolve("k8s/library/configmap-library-grafana-dashboards.yaml")));
        Map<?, ?> rendered = (Map<?, ?>) configMap.get("data");
        expected.forEach((name, json) -> {
            String fix = " differs from generate_dashboards.py's output: run it, monitoring/sync-chart-copy.sh and k8s/render";
            assertThat(read(Tools.DASHBOARDS_DIR.resolve(name))).as("monitoring/grafana/dashboards/" + name + fix).isEqualTo(json);
            assertThat(read(chartCopy.resolve(name))).as("helm/library/files/monitoring/grafana/dashboards/" + name + fix).isEqualTo(json);
            assertThat(rendered.get(name)).as("k8s/library/configmap-library-grafana-dashboards.yaml " + name + fix).isEqualTo(json);
        });
        assertThat(Tools.dashboards()).hasSize(expected.size());
    }

    @Test
    void everyDashboardSaysItIsGeneratedAndWhereToEditIt() {
        for (Path file : Tools.dashboards()) {
            assertThat(Expressions.readJson(file).get("description").asString()).as(file.toString())
                    .endsWith("Generated by monitoring/grafana/generate_dashboards.py: edit the script, not this file.");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theApiDashboardSelectsServicesByMicrometersApplicationTag() {
        for (Expressions.Expression expression : Expressions.ofDashboard(Tools.DASHBOARDS_DIR.resolve("api.json"))) {
            if (!expression.source().contains("variable")) {
                assertThat(expression.promql()).as(expression.source()).contains("namespace=~\".*\"");
            }
        }
    }
}
