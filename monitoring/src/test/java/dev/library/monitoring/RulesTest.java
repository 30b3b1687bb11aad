package dev.library.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The recording rules and alerts: valid, unit-tested both ways, and each alert explained in the runbook. */
class RulesTest {

    private static final Path ALERTS = Tools.RULES_DIR.resolve("alerts.yml");
    private static final Path ALERT_TESTS = Tools.PROMETHEUS_DIR.resolve("tests").resolve("alerts-test.yml");

    @Test
    void ruleFilesAreValid() {
        List<String> command = new ArrayList<>(List.of(promtool(), "check", "rules"));
        Tools.ruleFiles().forEach(file -> command.add(file.toString()));
        Tools.Result result = Tools.run(Tools.PROMETHEUS_DIR, command);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void alertUnitTestsPass() {
        Tools.Result result = Tools.run(ALERT_TESTS.getParent(), List.of(promtool(), "test", "rules", ALERT_TESTS.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() {
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Map<String, Object> tests = Expressions.readYaml(ALERT_TESTS);
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                List<?> expected = (List<?>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : fires).add((String) check.get("alertname"));
            }
        }

        Set<String> alerts = alertNames();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
        assertThat(fires).as("alerts with a test that fires them").containsAll(alerts);
        assertThat(quiet).as("alerts with a test where they stay quiet").containsAll(alerts);
    }

    @Test
    void everyAlertHasARunbookSectionInTheOperationsGuide() throws IOException {
        String operations = Files.readString(Tools.ROOT.resolve("docs").resolve("operations.md"));
        for (String alert : alertNames()) {
            assertThat(operations).as("runbook section for " + alert).contains("\n#### " + alert + "\n");
        }
    }

    private static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        Expressions.alerts(ALERTS).forEach(alert -> names.add((String) alert.get("alert")));
        return names;
    }

    private static String promtool() {
        return Tools.require("promtool", "prometheus").toString();
    }
}
