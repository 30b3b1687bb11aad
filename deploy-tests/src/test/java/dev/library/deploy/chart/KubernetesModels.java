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

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;

/**
 * Objects checked by node against the Kubernetes API's schemas (npm kubernetes-models) and custom
 * resources against their CRD's openAPIV3Schema (ajv, plus unknown fields): src/test/node/validate.mjs.
 */
public final class KubernetesModels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static Path validator;

    private KubernetesModels() {
    }

    /** npm ci of the pinned kubernetes-models into target/node (once; the lockfile pins every package). */
    public static synchronized void install() throws IOException, InterruptedException {
        Path node = Project.requireTool("node");
        Path npm = Project.requireTool("npm");
        // This module's own files (the working directory is the module), whichever chart is checked.
        Path source = Path.of("src/test/node").toAbsolutePath();
        Path work = Path.of("target/node").toAbsolutePath();
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (validator != null) {
            return;
        }
        if (!Files.isDirectory(work.resolve("node_modules/kubernetes-models"))) {
            run(work, List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
        validator = work.resolve("validate.mjs");
        assertThat(node).isNotNull();
    }

    /** {"validated": n, "notCovered": [...], "errors": ["Kind name: message", ...]} for the objects. */
    public static JsonNode validate(Manifests manifests) throws IOException, InterruptedException {
        install();
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
