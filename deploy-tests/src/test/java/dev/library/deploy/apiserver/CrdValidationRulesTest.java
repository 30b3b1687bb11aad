package dev.library.deploy.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.chart.Chart;

/**
 * The CRD's cross-field rules (x-kubernetes-validations), evaluated with CEL as the API server does
 * at admission: every Library the chart and k8s/ install passes, and a Library the operator could
 * only report as Degraded later is refused when it is applied.
 */
class CrdValidationRulesTest {

    private static final CrdRules RULES = CrdRules.library();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRuleCompilesAndEachPlaceHasOne() {
        assertThat(RULES.rules()).extracting(rule -> String.join(".", rule.path())).containsExactlyInAnyOrder("",
                "spec.gateway.autoscaling", "spec.authService.autoscaling", "spec.bookService.autoscaling",
                "spec.ingress", "spec.mongodb", "spec.redis");
    }

    static Stream<Arguments> installedLibraries() throws IOException {
        List<Arguments> libraries = new ArrayList<>();
        for (String values : Chart.valuesNames()) {
            libraries.add(Arguments.of("chart with " + values, library(Chart.rendered(values))));
        }
        libraries.add(Arguments.of("k8s/", library(NamesAndLabelsTest.kubernetesFolder())));
        return libraries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installedLibraries")
    void everyLibraryTheChartOrK8sInstallsIsAdmitted(String where, Map<String, Object> library) {
        assertThat(RULES.violations(library)).isEmpty();
    }

    static Stream<Arguments> invalidLibraries() {
        return Stream.of(
                Arguments.of("more fewest pods than most", "name: books", "bookService: {autoscaling: {minReplicas: 5, maxReplicas: 2}}",
                        "spec.bookService.autoscaling: minReplicas must not exceed maxReplicas"),
                Arguments.of("an external MongoDB without its Secret", "name: books", "mongodb: {mode: External}",
                        "spec.mongodb: External mode needs uriSecret"),
                Arguments.of("an external MongoDB with an empty Secret name", "name: books",
                        "mongodb: {mode: External, uriSecret: {name: ''}}", "spec.mongodb: External mode needs uriSecret"),
                Arguments.of("an external Redis without its Secret", "name: books", "redis: {mode: External}",
                        "spec.redis: External mode needs urlSecret"),
                Arguments.of("TLS without a host", "name: books", "ingress: {tlsSecret: books-tls}",
                        "spec.ingress: tlsSecret needs a host"),
                Arguments.of("a name starting with a digit", "name: 1books", "{}", ": metadata.name must be a DNS-1035 label"),
                Arguments.of("a 54-character name", "name: " + "b".repeat(54), "{}", ": metadata.name must be a DNS-1035 label"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLibraries")
    void aLibraryBreakingARuleIsRefusedWithItsMessage(String what, String metadata, String spec, String message) throws IOException {
        Map<?, ?> library = YAML.readValue("""
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {%s}
                spec: {%s}
                """.formatted(metadata, spec.equals("{}") ? "" : spec), Map.class);

        assertThat(RULES.violations(library)).singleElement().asString().startsWith(message);
    }

    @Test
    void theSameSpecsWithinTheRulesAreAdmitted() throws IOException {
        Map<?, ?> library = YAML.readValue("""
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: books-for-the-whole-county-library-network-prod-eu-01}
                spec:
                  bookService: {autoscaling: {minReplicas: 2, maxReplicas: 2}}
                  gateway: {autoscaling: {maxReplicas: 3}}
                  mongodb: {mode: External, uriSecret: {name: mongo}}
                  redis: {mode: External, urlSecret: {name: redis, key: url}}
                  ingress: {host: books.example.org, tlsSecret: books-tls}
                """, Map.class);

        assertThat(RULES.violations(library)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> library(Manifests manifests) {
        return manifests.asMaps().stream().filter(o -> "Library".equals(o.get("kind"))).findFirst().orElseThrow();
    }
}
