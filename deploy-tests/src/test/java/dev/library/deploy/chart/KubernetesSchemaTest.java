package dev.library.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.policy.DeploySubjects;

/**
 * Every object validates against the Kubernetes API's schemas (npm kubernetes-models: types,
 * enums, quantities, required fields), checked by node; the Library against the CRD in the chart's
 * crds/ (types, enums, patterns, ranges, and unknown fields, which the API server would prune).
 * Unknown fields of built-in kinds are DeployPolicyTest's job.
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static Path validator;

    static List<Manifests> subjects() {
        return DeploySubjects.all();
    }

    /** npm ci of the pinned kubernetes-models into target/node (once; the lockfile pins every package). */
    @BeforeAll
    static void installValidator() throws IOException, InterruptedException {
        Path node = Project.requireTool("node");
        Path npm = Project.requireTool("npm");
        // This module's own files (the working directory is the module), whichever chart is checked.
        Path source = Path.of("src/test/node").toAbsolutePath();
        Path work = Path.of("target/node").toAbsolutePath();
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(work.resolve("node_modules/kubernetes-models"))) {
            run(work, List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
        validator = work.resolve("validate.mjs");
        assertThat(node).isNotNull();
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
        Path input = Files.createTempFile("manifests", ".json");
        try {
            JSON.writeValue(input.toFile(), Map.of("objects", manifests.asMaps(), "crdSchemas", crdSchemas()));
            return JSON.readTree(run(validator.getParent(), List.of("node", validator.toString(), input.toString()), 120));
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** "group/version/Kind" -> openAPIV3Schema of every CRD in the chart's crds/. */
    private static Map<String, Object> crdSchemas() throws IOException {
        Map<String, Object> schemas = new TreeMap<>();
        Path crds = Project.chart().resolve("crds");
        if (!Files.isDirectory(crds)) {
            return schemas;
        }
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                    schemas.put(crd.getSpec().getGroup() + "/" + version.getName() + "/" + crd.getSpec().getNames().getKind(),
                            JSON.convertValue(version.getSchema().getOpenAPIV3Schema(), Map.class));
                }
            }
        }
        return schemas;
    }

    private static String run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
