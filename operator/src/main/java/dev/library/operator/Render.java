package dev.library.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.library.operator.desired.ClusterState;
import dev.library.operator.desired.DesiredState;
import dev.library.operator.desired.GeneratedSecrets;
import dev.library.operator.desired.InvalidSpecException;
import dev.library.operator.resource.Library;

/**
 * {@code operator.jar render FILE}: every object the operator would create for the Library in FILE,
 * as multi-document YAML, without a cluster. Generated Secret values are never printed (a
 * placeholder says they are generated); an invalid Library is an error with the Degraded message.
 */
public final class Render {

    /** The convention's namespace, when the file names none. */
    public static final String DEFAULT_NAMESPACE = "library";

    private Render() {
    }

    /** @return the process exit code */
    public static int run(Path file, PrintStream out, PrintStream err) {
        Library library;
        try (InputStream in = Files.newInputStream(file)) {
            library = read(in);
        } catch (IOException | RuntimeException e) {
            err.println("render: cannot read a Library from " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            DesiredState desired = render(library);
            out.print(yaml(desired));
            return 0;
        } catch (InvalidSpecException invalid) {
            err.println("render: Library " + library.getMetadata().getName() + " is invalid (Degraded/InvalidSpec): "
                    + invalid.getMessage());
            return 1;
        }
    }

    public static Library read(InputStream in) {
        Library library = new KubernetesSerialization().unmarshal(in, Library.class);
        if (library == null || library.getMetadata() == null || library.getMetadata().getName() == null) {
            throw new IllegalArgumentException("not a Library with metadata.name");
        }
        if (!"Library".equals(library.getKind())) {
            throw new IllegalArgumentException("kind is " + library.getKind() + ", not Library");
        }
        if (library.getMetadata().getNamespace() == null) {
            library.getMetadata().setNamespace(DEFAULT_NAMESPACE);
        }
        return library;
    }

    public static DesiredState render(Library library) {
        return DesiredState.of(library, ClusterState.NONE, GeneratedSecrets.PLACEHOLDERS, OperatorVersion.get());
    }

    public static String yaml(DesiredState desired) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        StringBuilder yaml = new StringBuilder();
        for (HasMetadata object : desired.all()) {
            String document = serialization.asYaml(object);
            yaml.append(document.startsWith("---") ? document : "---\n" + document);
        }
        return yaml.toString();
    }
}
