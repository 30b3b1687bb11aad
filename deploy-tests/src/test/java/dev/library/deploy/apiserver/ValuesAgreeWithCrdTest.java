package dev.library.deploy.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import dev.library.deploy.Manifests;
import dev.library.deploy.chart.Chart;
import dev.library.deploy.chart.KubernetesModels;

/**
 * A value the chart accepts is one the API server accepts, and the other way round: for edge values
 * of every Library setting the chart takes, the chart's verdict (values.schema.json and its
 * template checks) equals the CRD's (its OpenAPI schema, checked by ajv, and its CEL rules) on the
 * Library holding that value, and what the chart renders is admitted. Where the chart is stricter
 * on purpose, the case says so.
 */
class ValuesAgreeWithCrdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CrdRules RULES = CrdRules.library();
    /** Refused by the chart, admitted by the CRD, on purpose: the chart pins images. */
    private static final Set<String> CHART_STRICTER = Set.of("an image tag latest", "a MongoDB image without registry and tag");

    record Case(String name, Map<String, Object> values, Map<String, Object> library) {
    }

    private static Case edge(String name, String key, Object value, String path, Object libraryValue) {
        return new Case(name, Map.of(key, value), Map.of(path, libraryValue));
    }

    static List<Case> cases() {
        String cpu = "gateway.resources.requests.cpu";
        String cpuPath = "/spec/gateway/resources/requests/cpu";
        String ttl = "tokens.accessTokenTtl";
        String ttlPath = "/spec/tokens/accessTokenTtl";
        String heap = "gateway.jvmMemoryPercent";
        String heapPath = "/spec/gateway/jvmMemoryPercent";
        return List.of(
                edge("cpu as a number (--set ...cpu=2)", cpu, 2, cpuPath, "2"),
                edge("cpu as a fraction", cpu, 0.5, cpuPath, "0.5"),
                edge("cpu in millicores", cpu, "250m", cpuPath, "250m"),
                edge("cpu as a word", cpu, "two", cpuPath, "two"),
                edge("a negative cpu", cpu, "-1", cpuPath, "-1"),
                edge("memory in Gi", "authService.resources.limits.memory", "1Gi", "/spec/authService/resources/limits/memory", "1Gi"),
                edge("memory as a word", "authService.resources.limits.memory", "lots", "/spec/authService/resources/limits/memory", "lots"),
                edge("a TTL of 500ms", ttl, "500ms", ttlPath, "500ms"),
                edge("a TTL of 0s", ttl, "0s", ttlPath, "0s"),
                edge("a TTL of 15m", ttl, "15m", ttlPath, "15m"),
                edge("a refresh TTL of 30d", "tokens.refreshTokenTtl", "30d", "/spec/tokens/refreshTokenTtl", "30d"),
                edge("heap 24 %", heap, 24, heapPath, 24),
                edge("heap 25 %", heap, 25, heapPath, 25),
                edge("heap 90 %", heap, 90, heapPath, 90),
                edge("heap 91 %", heap, 91, heapPath, 91),
                edge("0 replicas", "bookService.replicas", 0, "/spec/bookService/replicas", 0),
                edge("20 replicas", "bookService.replicas", 20, "/spec/bookService/replicas", 20),
                edge("21 replicas", "bookService.replicas", 21, "/spec/bookService/replicas", 21),
                edge("a 20Gi volume", "mongodb.size", "20Gi", "/spec/mongodb/size", "20Gi"),
                edge("a volume of lots", "mongodb.size", "lots", "/spec/mongodb/size", "lots"),
                new Case("autoscaling from 5 to 2", Map.of("gateway.autoscaling.enabled", true,
                        "gateway.autoscaling.minReplicas", 5, "gateway.autoscaling.maxReplicas", 2),
                        Map.of("/spec/gateway/autoscaling", Map.of("minReplicas", 5, "maxReplicas", 2, "targetCpuUtilization", 70))),
                new Case("autoscaling from 2 to 2", Map.of("gateway.autoscaling.enabled", true,
                        "gateway.autoscaling.minReplicas", 2, "gateway.autoscaling.maxReplicas", 2),
                        Map.of("/spec/gateway/autoscaling", Map.of("minReplicas", 2, "maxReplicas", 2, "targetCpuUtilization", 70))),
                new Case("a CPU target of 5 %", Map.of("bookService.autoscaling.enabled", true,
                        "bookService.autoscaling.targetCpuUtilization", 5),
                        Map.of("/spec/bookService/autoscaling", Map.of("minReplicas", 2, "maxReplicas", 5, "targetCpuUtilization", 5))),
                new Case("TLS without a host", Map.of("ingress.host", "", "ingress.tlsSecret", "books-tls"),
                        Map.of("/spec/ingress/host", "", "/spec/ingress/tlsSecret", "books-tls")),
                new Case("TLS with a host", Map.of("ingress.tlsSecret", "books-tls"), Map.of("/spec/ingress/tlsSecret", "books-tls")),
                new Case("an external MongoDB without its Secret", Map.of("mongodb.mode", "External"),
                        Map.of("/spec/mongodb", Map.of("mode", "External", "uriSecret", Map.of("name", "", "key", "uri")))),
                new Case("an external MongoDB with its Secret", Map.of("mongodb.mode", "External", "mongodb.uriSecret.name", "mongo"),
                        Map.of("/spec/mongodb", Map.of("mode", "External", "uriSecret", Map.of("name", "mongo", "key", "uri")))),
                edge("an image tag latest", "image.tag", "latest", "/spec/images/tag", "latest"),
                edge("a MongoDB image without registry and tag", "mongodb.image", "mongo", "/spec/mongodb/image", "mongo"));
    }

    @Test
    void theChartAndTheCrdGiveTheSameVerdictOnEveryEdgeValue() throws Exception {
        Manifests defaults = Manifests.parse("defaults", Chart.template(null, Map.of()));
        JsonNode defaultLibrary = JSON.valueToTree(CrdValidationRulesTest.library(defaults));
        Map<String, Boolean> chartAccepts = new LinkedHashMap<>();
        Map<String, Map<String, Object>> libraries = new LinkedHashMap<>();
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case edge = cases.get(i);
            Map<String, Object> rendered = null;
            try {
                rendered = CrdValidationRulesTest.library(Manifests.parse(edge.name(), Chart.template(null, edge.values())));
            } catch (RuntimeException refused) {
                // helm-java reports values.schema.json and `fail` as an exception, as `helm template` exits non-zero.
            }
            chartAccepts.put(edge.name(), rendered != null);
            ObjectNode library = defaultLibrary.deepCopy();
            edge.library().forEach((path, value) -> put(library, path, JSON.valueToTree(value)));
            libraries.put("case-" + i + "-crd", named(JSON.convertValue(library, Map.class), "case-" + i + "-crd"));
            if (rendered != null) {
                libraries.put("case-" + i + "-chart", named(rendered, "case-" + i + "-chart"));
            }
        }
        Map<String, List<String>> crdErrors = crdErrors(libraries);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String name = cases.get(i).name();
            List<String> errors = crdErrors.get("case-" + i + "-crd");
            boolean crdAccepts = errors.isEmpty();
            boolean expectedAgreement = !CHART_STRICTER.contains(name);
            if (expectedAgreement && chartAccepts.get(name) != crdAccepts) {
                disagreements.add(name + ": chart " + verdict(chartAccepts.get(name)) + ", CRD " + verdict(crdAccepts) + " " + errors);
            }
            if (!expectedAgreement && (chartAccepts.get(name) || !crdAccepts)) {
                disagreements.add(name + ": meant to be refused by the chart only, but chart " + verdict(chartAccepts.get(name))
                        + ", CRD " + verdict(crdAccepts));
            }
            if (chartAccepts.get(name) && !crdErrors.get("case-" + i + "-chart").isEmpty()) {
                disagreements.add(name + ": the chart renders a Library the CRD refuses " + crdErrors.get("case-" + i + "-chart"));
            }
            System.out.printf("%-45s chart %-8s CRD %s%n", name, verdict(chartAccepts.get(name)), verdict(crdAccepts));
        }
        assertThat(disagreements).isEmpty();
        assertThat(chartAccepts.values()).as("both verdicts occur").contains(true, false);
    }

    /**
     * The constraints themselves are one: for each chart value that becomes a Library field, the
     * CRD's pattern, range and allowed values are the values schema's too.
     */
    @Test
    void eachLibraryValuesConstraintIsTheCrdsConstraint() throws Exception {
        JsonNode values = JSON.readTree(dev.library.deploy.Project.chart().resolve("values.schema.json").toFile());
        JsonNode crd = JSON.valueToTree(new KubernetesSerialization().unmarshal(java.nio.file.Files.readString(
                dev.library.deploy.Project.chart().resolve("crds/libraries.library.dev-v1.yml")),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)
                .getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
        Map<String, String> leaves = new LinkedHashMap<>();
        leaves.put("image.pullPolicy", "images.pullPolicy");
        leaves.put("image.tag", "images.tag");
        leaves.put("image.registry", "images.registry");
        for (String component : List.of("gateway", "authService", "bookService")) {
            for (String leaf : List.of("replicas", "jvmMemoryPercent", "autoscaling.minReplicas", "autoscaling.maxReplicas",
                    "autoscaling.targetCpuUtilization", "resources.requests.cpu", "resources.requests.memory",
                    "resources.limits.cpu", "resources.limits.memory")) {
                leaves.put(component + "." + leaf, component + "." + leaf);
            }
        }
        for (String store : List.of("mongodb", "redis")) {
            leaves.put(store + ".mode", store + ".mode");
            for (String leaf : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                leaves.put(store + ".resources." + leaf, store + ".resources." + leaf);
            }
        }
        leaves.put("mongodb.size", "mongodb.size");
        leaves.put("mongodb.uriSecret.name", "mongodb.uriSecret.name");
        leaves.put("redis.urlSecret.name", "redis.urlSecret.name");
        leaves.put("tokens.accessTokenTtl", "tokens.accessTokenTtl");
        leaves.put("tokens.refreshTokenTtl", "tokens.refreshTokenTtl");
        leaves.put("ingress.host", "ingress.host");
        leaves.put("ingress.tlsSecret", "ingress.tlsSecret");
        leaves.put("monitoring.kubePrometheusStack.prometheusNamespace", "monitoring.prometheusNamespace");

        List<String> differences = new ArrayList<>();
        leaves.forEach((valuesKey, specKey) -> {
            JsonNode chart = schemaAt(values, valuesKey);
            JsonNode library = schemaAt(crd.path("properties").path("spec"), specKey);
            assertThat(library.isMissingNode()).as("the CRD has spec.%s", specKey).isFalse();
            for (String keyword : List.of("pattern", "minimum", "maximum", "enum")) {
                if (library.has(keyword) && !sameConstraint(library.get(keyword), chart.path(keyword))) {
                    differences.add(valuesKey + " " + keyword + ": chart " + chart.path(keyword) + ", CRD " + library.get(keyword));
                }
            }
        });
        assertThat(differences).isEmpty();
    }

    private static JsonNode schemaAt(JsonNode schema, String dotted) {
        JsonNode node = schema;
        for (String step : dotted.split("\\.")) {
            node = node.path("properties").path(step);
        }
        return node;
    }

    /** Numbers compare by value (CRD 25.0, chart 25); enums as sets. */
    private static boolean sameConstraint(JsonNode crd, JsonNode chart) {
        if (crd.isNumber()) {
            return chart.isNumber() && crd.decimalValue().compareTo(chart.decimalValue()) == 0;
        }
        if (crd.isArray()) {
            Set<String> a = new java.util.TreeSet<>();
            Set<String> b = new java.util.TreeSet<>();
            crd.forEach(v -> a.add(v.asText()));
            chart.forEach(v -> b.add(v.asText()));
            return a.equals(b);
        }
        return crd.equals(chart);
    }

    /** Library name -> what the API server would answer: schema errors (ajv) and broken CEL rules. */
    private static Map<String, List<String>> crdErrors(Map<String, Map<String, Object>> libraries) throws Exception {
        StringBuilder yaml = new StringBuilder();
        KubernetesSerialization serialization = new KubernetesSerialization();
        libraries.values().forEach(library -> yaml.append("---\n").append(serialization.asYaml(library)));
        JsonNode result = KubernetesModels.validate(Manifests.parse("edge Libraries", yaml.toString()));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        libraries.forEach((name, library) -> {
            List<String> found = new ArrayList<>(RULES.violations(library));
            result.get("errors").forEach(error -> {
                if (error.asText().startsWith("Library " + name + ":")) {
                    found.add(error.asText());
                }
            });
            errors.put(name, found);
        });
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(Map<?, ?> library, String name) {
        Map<String, Object> copy = JSON.convertValue(library, Map.class);
        ((Map<String, Object>) copy.get("metadata")).put("name", name);
        return copy;
    }

    private static void put(ObjectNode root, String pointer, JsonNode value) {
        String[] steps = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node.has(steps[i]) ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
        }
        node.set(steps[steps.length - 1], value);
    }

    private static String verdict(boolean accepts) {
        return accepts ? "accepts" : "refuses";
    }
}
