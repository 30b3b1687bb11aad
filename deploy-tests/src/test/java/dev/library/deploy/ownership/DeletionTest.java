package dev.library.deploy.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.deploy.policy.DeploySubjectsAccess;

/**
 * What `kubectl delete lib`, `helm uninstall` and deleting the namespace remove, computed as the
 * API server's garbage collector and Helm decide it: an object goes with the Library when it has
 * an owner reference to it; with the release when Helm rendered it (unless
 * {@code helm.sh/resource-policy: keep}) or when it is owned by the Library Helm deletes; a
 * StatefulSet's claims go with it only when its PVC retention policy says Delete. The signing
 * keys, the admin Secret and MongoDB's volume must survive both, as docs/kubernetes.md says.
 */
class DeletionTest {

    /** What the operator makes for the example Library, and the PVC MongoDB's claim template yields. */
    private static List<HasMetadata> operatorObjects() {
        Manifests rendered = DeploySubjectsAccess.operatorRenders().get(0);
        List<HasMetadata> objects = new ArrayList<>(rendered.objects());
        for (HasMetadata object : rendered.objects()) {
            if (object instanceof StatefulSet set && set.getSpec().getVolumeClaimTemplates() != null) {
                boolean deleted = set.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
                        && "Delete".equals(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
                for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
                    PersistentVolumeClaim claim = new PersistentVolumeClaim();
                    claim.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                            .withName(template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-0")
                            .withNamespace(set.getMetadata().getNamespace())
                            // The StatefulSet controller makes the claim owned by the set only under Delete.
                            .withOwnerReferences(deleted ? List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                                    .withKind("StatefulSet").withName(set.getMetadata().getName()).build()) : List.of())
                            .build());
                    objects.add(claim);
                }
            }
        }
        return objects;
    }

    private static boolean ownedByLibrary(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> "Library".equals(owner.getKind()) || "StatefulSet".equals(owner.getKind()));
    }

    private static HasMetadata find(List<HasMetadata> objects, String kind, String nameSuffix) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().endsWith(nameSuffix))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " *" + nameSuffix));
    }

    @Test
    void deletingTheLibraryKeepsTheGeneratedSecretsAndMongoDbsVolume() {
        List<HasMetadata> objects = operatorObjects();

        assertThat(ownedByLibrary(find(objects, "Secret", "-jwt-signing-keys"))).isFalse();
        assertThat(ownedByLibrary(find(objects, "Secret", "-admin"))).isFalse();
        assertThat(ownedByLibrary(find(objects, "Secret", "-redis-auth"))).isFalse();
        assertThat(ownedByLibrary(find(objects, "PersistentVolumeClaim", "-mongodb-0"))).isFalse();
        assertThat(ownedByLibrary(find(objects, "Deployment", "-gateway"))).isTrue();
        assertThat(find(objects, "Secret", "-admin").getMetadata().getAnnotations())
                .containsKey("library.dev/generated-by");
    }

    @Test
    void helmUninstallRemovesTheReleaseAndWhatTheLibraryOwnsOnly() {
        Manifests chart = Chart.rendered(Chart.DEFAULTS);
        List<String> kept = chart.objects().stream().filter(o -> o.getMetadata().getAnnotations() != null
                && "keep".equals(o.getMetadata().getAnnotations().get("helm.sh/resource-policy")))
                .map(Manifests::describe).toList();
        List<String> survivors = operatorObjects().stream().filter(o -> !ownedByLibrary(o)).map(Manifests::describe).toList();

        // The Library is a release object without keep: Helm deletes it, and the collector what it owns.
        assertThat(chart.objects()).anySatisfy(o -> assertThat(o.getKind()).isEqualTo("Library"));
        assertThat(kept).noneMatch(d -> d.startsWith("Library "));
        assertThat(survivors).hasSize(4).allSatisfy(d -> assertThat(d).matches("(Secret|PersistentVolumeClaim) .*"));
    }

    @Test
    void theDocsTableSaysWhatTheRulesCompute() throws Exception {
        String docs = Files.readString(Project.home().resolve("docs/kubernetes.md"));

        for (String row : Map.of("JWT signing keys Secret", "kept", "admin Secret", "kept", "Redis password Secret", "kept",
                "MongoDB volume (PVC)", "kept").keySet()) {
            assertThat(docs).containsPattern("\\| " + java.util.regex.Pattern.quote(row) + "[^|]*\\| kept \\| kept \\| removed \\|");
        }
        assertThat(docs).containsPattern("\\| Deployments, Services, ConfigMaps[^|]*\\| removed \\| removed \\| removed \\|");
    }
}
