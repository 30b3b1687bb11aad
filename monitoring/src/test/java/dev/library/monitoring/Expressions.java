package dev.library.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL expression of the dashboards (panel targets and the variables' label_values
 * queries) and of the recording rules, with Grafana's variables replaced by what "All" and a
 * short range mean, so Prometheus itself can parse and evaluate them.
 */
final class Expressions {

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Expression(String source, String promql) {
    }

    private Expressions() {
    }

    static List<Expression> ofDashboard(Path file) {
        JsonNode dashboard = readJson(file);
        String name = file.getFileName().toString();
        List<Expression> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(new Expression(name + " / " + panel.get("title").asString() + " [" + target.get("refId").asString()
                        + "]", withVariables(target.get("expr").asString())));
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("type").asString().equals("datasource")) {
                continue; // picks the Prometheus to query; no PromQL of its own
            }
            Matcher labelValues = LABEL_VALUES.matcher(variable.get("query").asString());
            if (!labelValues.matches()) {
                throw new IllegalArgumentException(name + ": variable " + variable.get("name") + " is not a label_values query");
            }
            // label_values(selector, label) lists the label's values: the same as counting by it.
            expressions.add(new Expression(name + " / variable " + variable.get("name").asString(),
                    withVariables("count by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")")));
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    static List<Expression> ofRecordingRules(Path file) {
        List<Expression> expressions = new ArrayList<>();
        for (Map<String, Object> group : groups(file)) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("record")) {
                    expressions.add(new Expression(file.getFileName() + " / " + rule.get("record"), (String) rule.get("expr")));
                }
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts(Path file) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups(file)) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    /** "All" for every variable; the rate window a 2 s scrape supports; a few minutes for the range. */
    static String withVariables(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "2m")
                .replace("$namespace", ".*").replace("$service", ".*").replace("$pod", ".*").replace("$instance", ".*");
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T readYaml(Path file) {
        try {
            return (T) new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(Path file) {
        Map<String, Object> rules = readYaml(file);
        return (List<Map<String, Object>>) rules.get("groups");
    }
}
