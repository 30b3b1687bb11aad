package dev.library.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.policy.DeploySubjects;

/**
 * Every object validates against the Kubernetes API's schemas (npm kubernetes-models: types,
 * enums, quantities, required fields), checked by node; the Library against the CRD in the chart's
 * crds/ (types, enums, patterns, ranges, and unknown fields, which the API server would prune).
 * Unknown fields of built-in kinds are DeployPolicyTest's job.
 */
class KubernetesSchemaTest {

    static List<Manifests> subjects() {
        return DeploySubjects.all();
    }

    @BeforeAll
    static void installValidator() throws IOException, InterruptedException {
        KubernetesModels.install();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyObjectMatchesTheKubernetesSchemas(Manifests manifests) throws Exception {
        JsonNode result = validate(manifests);
        System.out.printf("%s: %d objects valid against kubernetes-models and the CRD, not covered: %s%n", manifests,
                result.get("validated").asInt(), result.get("notCovered"));

        assertThat(result.get("errors")).as(result.get("errors").toPrettyString()).isEmpty();
        assertThat(result.get("validated").asInt()).isEqualTo(manifests.objects().size());
        assertThat(result.get("notCovered")).as("kinds without a schema").isEmpty();
    }

    @Test
    void aMistypedOrMisspelledObjectIsReported() throws Exception {
        Manifests careless = Manifests.parse("careless", """
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: careless}
                spec:
                  gatway: {replicas: 2}
                ---
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: wrong-mode}
                spec:
                  mongodb: {mode: Embedded}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: careless}
                data: {size: 3}
                """);

        JsonNode result = validate(careless);

        assertThat(result.get("errors").toString()).contains("Library careless: unknown fields spec.gatway",
                "Library wrong-mode", "allowed values", "ConfigMap careless");
        assertThat(result.get("validated").asInt()).isZero();
    }

    private static JsonNode validate(Manifests manifests) throws IOException, InterruptedException {
        return KubernetesModels.validate(manifests);
    }
}
