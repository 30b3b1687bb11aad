package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD is generated from the Java classes at build time; the copies that kubectl and Helm
 * install are committed. When the classes change, this fails until the copies are refreshed:
 * {@code cp operator/target/classes/META-INF/fabric8/libraries.library.dev-v1.yml k8s/crd/ && cp ... helm/library/crds/}
 * (the build finishes the generated file with {@code CrdFinish}).
 */
class CustomResourceDefinitionCopiesTest {

    static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", "libraries.library.dev-v1.yml");

    @ParameterizedTest
    @ValueSource(strings = {"../k8s/crd/libraries.library.dev-v1.yml", "../helm/library/crds/libraries.library.dev-v1.yml"})
    void committedCopyIsTheGeneratedCrd(String copy) throws IOException {
        assertThat(Files.readString(Path.of(copy))).as("%s differs from %s: copy the generated file over it", copy, GENERATED)
                .isEqualTo(Files.readString(GENERATED));
    }

    @org.junit.jupiter.api.Test
    void generatedCrdHasTheConventionsNamesAndSubresources() throws IOException {
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(Files.readString(GENERATED),
                CustomResourceDefinition.class);

        assertThat(crd.getSpec().getGroup()).isEqualTo("library.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Library");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("libraries");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("lib");
        var version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.bookService.replicas");
        // Age last, as kubectl shows it for built-in kinds.
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .containsExactly("Ready", "Gateway URL", "Age");
        // Conditions merge by type under server-side apply: a map list keyed by type.
        var conditions = version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties().get("conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired()).contains("type");
        var bookReplicas = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
                .get("bookService").getProperties().get("replicas");
        assertThat(bookReplicas.getMinimum()).isEqualTo(1.0);
        assertThat(bookReplicas.getMaximum()).isEqualTo(20.0);
        var mongoMode = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
                .get("mongodb").getProperties().get("mode");
        assertThat(mongoMode.getEnum()).extracting(node -> node.asText()).containsExactlyInAnyOrder("Managed", "External");
    }
}
