package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import dev.library.operator.resource.Library;

/** Every pod the example renders meets the restricted Pod Security Standard, and has requests and limits. */
class RestrictedPodsTest {

    private static List<PodTemplateSpec> podTemplates() throws Exception {
        Library library;
        try (InputStream in = Files.newInputStream(RenderTest.EXAMPLE)) {
            library = Render.read(in);
        }
        List<PodTemplateSpec> templates = new ArrayList<>();
        var desired = Render.render(library);
        desired.deployments().stream().map(Deployment::getSpec).forEach(spec -> templates.add(spec.getTemplate()));
        desired.statefulSets().stream().map(StatefulSet::getSpec).forEach(spec -> templates.add(spec.getTemplate()));
        return templates;
    }

    @Test
    void everyPodRunsAsNonRootWithRuntimeDefaultSeccompAndNoToken() throws Exception {
        List<PodTemplateSpec> templates = podTemplates();
        assertThat(templates).hasSize(5);
        for (PodTemplateSpec template : templates) {
            var pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
        }
    }

    @Test
    void everyContainerDropsAllCapabilitiesOnAReadOnlyRootWithTmpWritable() throws Exception {
        for (PodTemplateSpec template : podTemplates()) {
            for (Container container : template.getSpec().getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
                assertThat(security.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
                assertThat(container.getVolumeMounts()).as(container.getName()).anySatisfy(mount ->
                        assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKeys("cpu", "memory");
            }
        }
    }
}
