package dev.library.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A set of Kubernetes objects as YAML and as fabric8's typed model (custom resources such as the
 * Library stay generic), e.g. one rendering of the chart or one operator {@code render}.
 *
 * @param name where the objects came from, for test names and messages
 */
public record Manifests(String name, String yaml, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    public static Manifests parse(String name, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(yaml)) {
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return new Manifests(name, yaml, List.copyOf(objects));
    }

    /** The non-empty YAML documents of a multi-document stream. */
    public static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean onlyComments = document.lines().map(String::strip)
                    .allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!onlyComments) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The objects as plain maps, for schema validation of exactly what was written. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> asMaps() {
        return documents(yaml).stream().map(document -> (Map<String, Object>) SERIALIZATION.unmarshal(document, Map.class))
                .toList();
    }

    public static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    @Override
    public String toString() {
        return name;
    }
}
