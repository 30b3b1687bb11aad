package dev.library.operator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The objects the operator is installed with: the chart rendered by Helm's own code, and k8s/. */
public final class Manifests {

    public static final String RELEASE = "library";
    public static final String NAMESPACE = "library";
    public static final Path REPOSITORY = Path.of("..");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Manifests() {
    }

    /** `helm template library helm/library -n library` (default values). */
    public static List<HasMetadata> chart() {
        return parse(new Helm(REPOSITORY.resolve("helm/library")).template().withName(RELEASE).withNamespace(NAMESPACE).call());
    }

    /** Every object in the YAML files of a k8s/ folder (not recursive). */
    public static List<HasMetadata> folder(String relative) {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPOSITORY.resolve(relative))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    objects.addAll(parse(Files.readString(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    public static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : SEPARATOR.split(yaml)) {
            if (document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }
}
