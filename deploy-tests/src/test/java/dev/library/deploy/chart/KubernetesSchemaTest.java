package dev.library.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.policy.DeploySubjects;

/**
 * Every object validates against the Kubernetes API's schemas (npm kubernetes-models: types,
 * enums, quantities, required fields), checked by node. Unknown fields are DeployPolicyTest's job.
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
        Path input = Files.createTempFile("manifests", ".json");
        try {
            JSON.writeValue(input.toFile(), manifests.asMaps());
            JsonNode result = JSON.readTree(run(validator.getParent(), List.of("node", validator.toString(),
                    input.toString()), 120));
            System.out.printf("%s: %d objects valid against kubernetes-models, not covered: %s%n", manifests,
                    result.get("validated").asInt(), result.get("notCovered"));

            assertThat(result.get("errors")).as(result.get("errors").toPrettyString()).isEmpty();
            assertThat(result.get("validated").asInt()).isEqualTo(manifests.objects().size()
                    - result.get("notCovered").size());
            assertThat(result.get("notCovered")).allSatisfy(kind -> assertThat(kind.asText()).contains("library.dev/"));
        } finally {
            Files.deleteIfExists(input);
        }
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
