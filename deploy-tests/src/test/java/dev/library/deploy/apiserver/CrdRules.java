package dev.library.deploy.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.library.deploy.Project;

/**
 * The Library CRD's x-kubernetes-validations, compiled and evaluated with Google's CEL for Java as
 * the API server does at admission: each rule against the value at its place in the object (a
 * rule on an absent field is not evaluated), {@code self} being that value.
 */
public final class CrdRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** A rule and where it applies: property names from the root ("*" for every item of a list). */
    public record Rule(List<String> path, String expression, String message, CelRuntime.Program program) {
    }

    private final List<Rule> rules;

    private CrdRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of the chart's copy of the Library CRD (the same file as k8s/crd/, see CustomResourceDefinitionCopiesTest). */
    public static CrdRules library() {
        try {
            CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(
                    Files.readString(Project.chart().resolve("crds/libraries.library.dev-v1.yml")), CustomResourceDefinition.class);
            JsonNode schema = JSON.valueToTree(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
            List<Rule> rules = new ArrayList<>();
            collect(schema, new ArrayList<>(), rules);
            return new CrdRules(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The messages of every rule the object breaks (empty: admitted). */
    public List<String> violations(Object object) {
        Object value = celValue(JSON.valueToTree(object));
        List<String> messages = new ArrayList<>();
        for (Rule rule : rules) {
            for (Object self : at(value, rule.path(), 0)) {
                try {
                    if (!Boolean.TRUE.equals(rule.program().eval(Map.of("self", self)))) {
                        messages.add(String.join(".", rule.path()) + ": " + rule.message());
                    }
                } catch (CelEvaluationException e) {
                    messages.add(String.join(".", rule.path()) + ": " + rule.expression() + " failed: " + e.getMessage());
                }
            }
        }
        return messages;
    }

    private static void collect(JsonNode schema, List<String> path, List<Rule> rules) {
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            String expression = validation.path("rule").asText();
            try {
                CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
                rules.add(new Rule(List.copyOf(path), expression, validation.path("message").asText(), RUNTIME.createProgram(ast)));
            } catch (CelValidationException | CelEvaluationException e) {
                throw new AssertionError("rule at " + path + " does not compile: " + expression + ": " + e.getMessage(), e);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            List<String> next = new ArrayList<>(path);
            next.add(property.getKey());
            collect(property.getValue(), next, rules);
        }
        if (schema.has("items")) {
            List<String> next = new ArrayList<>(path);
            next.add("*");
            collect(schema.get("items"), next, rules);
        }
    }

    private static List<Object> at(Object value, List<String> path, int index) {
        if (index == path.size()) {
            return value == null ? List.of() : List.of(value);
        }
        String step = path.get(index);
        if (step.equals("*") && value instanceof List<?> list) {
            List<Object> found = new ArrayList<>();
            list.forEach(item -> found.addAll(at(item, path, index + 1)));
            return found;
        }
        return value instanceof Map<?, ?> map ? at(map.get(step), path, index + 1) : List.of();
    }

    /** JSON as CEL sees it: int as Long, number as Double. */
    private static Object celValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    map.put(field.getKey(), celValue(field.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(celValue(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }
}
