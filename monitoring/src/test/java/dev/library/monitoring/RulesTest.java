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
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The recording rules and alerts: valid, unit-tested both ways, and each alert explained in the runbook. */
class RulesTest {

    private static final Path ALERTS = Tools.RULES_DIR.resolve("alerts.yml");
    private static final String RUNBOOK_BASE = "https://github.com/dev-library/library/blob/main/docs/operations.md";
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
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(24);
        assertThat(fires).as("alerts with a test that fires them").containsAll(alerts);
        // The Watchdog fires always by design (its test shows it firing with no input at all);
        // every other alert must have a test where it stays quiet.
        Set<String> mustBeQuietSomewhere = new TreeSet<>(alerts);
        mustBeQuietSomewhere.remove("Watchdog");
        assertThat(quiet).as("alerts with a test where they stay quiet").containsAll(mustBeQuietSomewhere);
    }

    @Test
    void everyScrapeJobHasAnAlertForAFailingOrMissingTarget() {
        Map<String, Object> config = Expressions.readYaml(Tools.PROMETHEUS_DIR.resolve("prometheus.yml"));
        List<String> expressions = Expressions.alerts(ALERTS).stream().map(alert -> (String) alert.get("expr")).toList();
        for (Object job : (List<?>) config.get("scrape_configs")) {
            String name = (String) ((Map<?, ?>) job).get("job_name");
            assertThat(expressions).as("an alert on up == 0 and absent(up) for job " + name)
                    .anyMatch(expr -> expr.contains("up{job=\"" + name + "\"") && expr.contains("== 0")
                            && expr.contains("absent(up{job=\"" + name + "\""));
        }
    }

    @Test
    void runbookLinksAreAbsoluteAndPointAtTheAlertsOwnSection() {
        for (Map<String, Object> alert : Expressions.alerts(ALERTS)) {
            String url = (String) ((Map<?, ?>) alert.get("annotations")).get("runbook_url");
            assertThat(url).as((String) alert.get("alert")).isEqualTo(RUNBOOK_BASE + "#" + ((String) alert.get("alert")).toLowerCase());
        }
    }

    /**
     * The same realistic input as the restart test in alerts-test.yml (three restarts, a new
     * cAdvisor container id each time), given to the expression LibraryRestartLoop had before
     * kube-state-metrics: it stays quiet, which is why the alert now reads the restart count.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theFormerCadvisorRestartExpressionMissesRestartsWhoseContainerIdsChange(@TempDir Path dir) throws IOException {
        Map<String, Object> tests = Expressions.readYaml(ALERT_TESTS);
        Map<String, Object> realistic = ((List<Map<String, Object>>) tests.get("tests")).stream()
                .filter(test -> ((String) test.get("name")).contains("its cAdvisor ids changing")).findFirst().orElseThrow();
        Map<String, Object> formerRule = Map.of("alert", "LibraryRestartLoop",
                "expr", "max by (namespace, pod, container) (changes(container_start_time_seconds{container!=\"\"}[15m])) >= 3");
        Path rules = Files.writeString(dir.resolve("former.yml"), new Yaml().dump(
                Map.of("groups", List.of(Map.of("name", "former", "rules", List.of(formerRule))))));
        Map<String, Object> test = new java.util.HashMap<>(realistic);
        test.put("alert_rule_test", List.of(Map.of("eval_time", "8m", "alertname", "LibraryRestartLoop", "exp_alerts", List.of())));
        Path file = Files.writeString(dir.resolve("former-test.yml"), new Yaml().dump(
                Map.of("rule_files", List.of(rules.toString()), "evaluation_interval", "1m", "tests", List.of(test))));

        Tools.Result result = Tools.run(dir, List.of(promtool(), "test", "rules", file.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
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
