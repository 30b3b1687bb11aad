package dev.library.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.library.deploy.Project;

/** k8s/ is what k8s/render writes from the chart: the plain manifests never drift from Helm's. */
class KubernetesFolderTest {

    private final Path k8s = Project.home().resolve("k8s");

    @Test
    void everyRenderedFileIsCommittedUnchanged() throws IOException {
        Map<Path, String> expected = KubernetesFolder.files(k8s);

        assertThat(expected).allSatisfy((file, content) -> assertThat(file)
                .as("%s differs from what k8s/render writes: run k8s/render", k8s.getParent().relativize(file))
                .exists().content().isEqualTo(content));
    }

    @Test
    void noFileIsLeftFromAnOlderChart() throws IOException {
        assertThat(KubernetesFolder.stale(k8s, KubernetesFolder.files(k8s))).as("run k8s/render").isEmpty();
    }

    @Test
    void theNamespaceEnforcesTheRestrictedStandard() throws IOException {
        assertThat(Files.readString(k8s.resolve("namespace.yaml")))
                .contains("pod-security.kubernetes.io/enforce: restricted");
    }
}
