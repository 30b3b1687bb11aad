package dev.library.deploy.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.stores.embedded.RequiredTools;

/**
 * Everything the policy tests look at: the chart rendered with each values file, and, once the
 * operator is built, its {@code render} of every k8s/examples/*.yaml (the workloads it creates).
 */
public final class DeploySubjects {

    private static List<Manifests> all;

    private DeploySubjects() {
    }

    public static synchronized List<Manifests> all() {
        if (all == null) {
            List<Manifests> subjects = new ArrayList<>(Chart.allRenderings());
            subjects.addAll(operatorRenders());
            all = List.copyOf(subjects);
        }
        return all;
    }

    /** `java -jar operator/target/operator.jar render FILE` for each example, when the operator module exists. */
    static List<Manifests> operatorRenders() {
        Path home = Project.home();
        Path jar = home.resolve("operator/target/operator.jar");
        Path examples = home.resolve("k8s/examples");
        if (!Files.exists(home.resolve("operator/pom.xml")) || !Files.isDirectory(examples)) {
            return List.of();
        }
        if (!Files.exists(jar)) {
            if (RequiredTools.strict()) {
                throw new AssertionError(jar + " is missing: build the operator module before deploy-tests");
            }
            return List.of();
        }
        try (Stream<Path> files = Files.list(examples)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .map(example -> Manifests.parse("operator render of k8s/examples/" + example.getFileName(),
                            render(jar, example)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator's render of a Library given as YAML (written to a temporary file): what it would
     * create. Null when the operator is not built and CI is not strict (the caller skips then).
     */
    public static Manifests operatorRender(String name, String libraryYaml) {
        Path jar = Project.home().resolve("operator/target/operator.jar");
        if (!Files.exists(jar)) {
            if (RequiredTools.strict()) {
                throw new AssertionError(jar + " is missing: build the operator module before deploy-tests");
            }
            org.junit.jupiter.api.Assumptions.abort("operator/target/operator.jar not built");
        }
        try {
            Path file = Files.createTempFile("library", ".yaml");
            try {
                Files.writeString(file, libraryYaml);
                return Manifests.parse(name, render(jar, file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(Path jar, Path example) {
        try {
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                    jar.toString(), "render", example.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError("operator render " + example + " exited " + process.exitValue());
            }
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
