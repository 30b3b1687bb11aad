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
                    .as(name).containsExactly("namespace", "service", "pod");
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
