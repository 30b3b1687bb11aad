package dev.library.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;

/**
 * `kubectl kustomize` (the build `kubectl apply -k` runs first) of every kustomization in k8s/,
 * with the real kubectl: each builds, and the two steps together are the chart's objects, each in
 * the namespace `helm install -n library` puts it in.
 */
class KustomizeTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final Path k8s = Project.home().resolve("k8s");

    private static String kustomize(Path dir) throws IOException, InterruptedException {
        Path kubectl = Project.requireTool("kubectl");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
        return out;
    }

    /** kind, namespace/name: what the API server identifies an object by. */
    private static Map<String, Map<String, Object>> byId(List<HasMetadata> objects) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (HasMetadata object : objects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = SERIALIZATION.unmarshal(SERIALIZATION.asYaml(object), Map.class);
            byId.put(object.getKind() + " " + Objects.requireNonNullElse(object.getMetadata().getNamespace(), "")
                    + "/" + object.getMetadata().getName(), map);
        }
        return byId;
    }

    @Test
    void theCrdBuildsAloneForTheFirstStep() throws Exception {
        List<HasMetadata> objects = Manifests.parse("k8s/crd", kustomize(k8s.resolve("crd"))).objects();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("CustomResourceDefinition");
    }

    @Test
    void theSecondStepIsTheChartsObjectsInTheirNamespaces() throws Exception {
        List<HasMetadata> built = Manifests.parse("k8s", kustomize(k8s)).objects();
        // k8s/ says who applies it: kubectl, where Helm's render says Helm.
        List<HasMetadata> chart = Manifests.parse("chart", Chart.template(null, Map.of())
                .replace("app.kubernetes.io/managed-by: Helm", "app.kubernetes.io/managed-by: kubectl")).objects().stream()
                .filter(o -> o.getMetadata().getAnnotations() == null
                        || !o.getMetadata().getAnnotations().containsKey("helm.sh/hook"))
                .toList();
        for (HasMetadata object : chart) {
            if (object.getMetadata().getNamespace() == null && !KubernetesFolder.CLUSTER_SCOPED.contains(object.getKind())) {
                object.getMetadata().setNamespace(Chart.NAMESPACE);
            }
        }
        Map<String, Map<String, Object>> expected = byId(chart);
        Map<String, Map<String, Object>> actual = byId(built);
        // k8s/ adds the application namespace (Helm's is made by --create-namespace) with its Pod Security labels.
        assertThat(actual.remove("Namespace /" + Chart.NAMESPACE)).isNotNull();

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, object) -> assertThat(actual.get(id)).as(id).isEqualTo(object));
        assertThat(actual.keySet()).as("the node exporter keeps its own, privileged namespace")
                .contains("Namespace /library-node-exporter", "DaemonSet library-node-exporter/node-exporter")
                .noneMatch(id -> id.startsWith("CustomResourceDefinition"));
    }
}
