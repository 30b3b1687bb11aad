package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.operator.desired.ImmutableFields;
import dev.library.operator.resource.AutoscalingSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.ResourcesSpec;

/**
 * Day-2 changes against the fields the API server refuses to change (the mock server accepts any
 * update): the example Library is rendered before and after a realistic change, and every object
 * both renders hold is compared on its kind's immutable fields. Only a new MongoDB volume size or
 * StorageClass may touch one (the claim templates); the operator recreates that StatefulSet on
 * purpose (LibraryReconcilerTest shows it).
 */
class ImmutableFieldsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String DIGEST = "@sha256:" + "0123456789abcdef".repeat(4);

    static Stream<Arguments> changesThatMustApplyInPlace() {
        return Stream.of(
                change("a new image tag", spec -> spec.images.tag = "0.2.0"),
                change("a new MongoDB image", spec -> spec.mongodb.image = "docker.io/library/mongo:8.2.1"),
                change("MongoDB pinned by digest", spec -> spec.mongodb.image = spec.mongodb.image + DIGEST),
                change("a new Redis image", spec -> spec.redis.image = "docker.io/library/redis:8.2.2-alpine"),
                change("Redis pinned by digest", spec -> spec.redis.image = spec.redis.image + DIGEST),
                change("more replicas", spec -> {
                    spec.gateway.replicas = 4;
                    spec.authService.replicas = 3;
                }),
                change("other resources", spec -> {
                    spec.gateway.resources = ResourcesSpec.of("500m", "768Mi", "2", "1Gi");
                    spec.mongodb.resources = ResourcesSpec.of("500m", "1Gi", "2", "2Gi");
                }),
                change("autoscaling on", spec -> {
                    spec.gateway.autoscaling = new AutoscalingSpec();
                    spec.gateway.autoscaling.maxReplicas = 6;
                }),
                change("autoscaling off", spec -> spec.bookService.autoscaling = null),
                change("TLS on", spec -> spec.ingress.tlsSecret = "books-tls"),
                change("monitoring off", spec -> spec.monitoring.scrape = false),
                change("the ingress off", spec -> spec.ingress.enabled = false),
                change("longer tokens", spec -> spec.tokens.accessTokenTtl = "30m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesThatMustApplyInPlace")
    void aChangeAppliesWithoutTouchingAFieldTheApiServerKeeps(String change, Consumer<LibrarySpec> edit) throws Exception {
        assertThat(refusedChanges(edit)).as("immutable fields %s would change", change).isEmpty();
    }

    @Test
    void aNewVolumeSizeOrStorageClassChangesOnlyMongoDbsClaimTemplates() throws Exception {
        assertThat(refusedChanges(spec -> spec.mongodb.size = "20Gi"))
                .containsExactlyEntriesOf(Map.of("StatefulSet library-mongodb", List.of("/spec/volumeClaimTemplates")));
        assertThat(refusedChanges(spec -> spec.mongodb.storageClass = "longhorn"))
                .containsExactlyEntriesOf(Map.of("StatefulSet library-mongodb", List.of("/spec/volumeClaimTemplates")));
    }

    @Test
    void theComparisonSeesAChangedClaimTemplateLabelButNotADefaultTheApiServerAdded() throws Exception {
        StatefulSet wanted = Render.render(example()).statefulSets().get(0);
        StatefulSet relabelled = new StatefulSetBuilder(wanted).editSpec().editFirstVolumeClaimTemplate().editMetadata()
                .addToLabels("app.kubernetes.io/version", "8.0.15").endMetadata().endVolumeClaimTemplate().endSpec().build();
        StatefulSet defaulted = new StatefulSetBuilder(wanted).editSpec().withPodManagementPolicy("OrderedReady")
                .editFirstVolumeClaimTemplate().editSpec().withVolumeMode("Filesystem").endSpec().endVolumeClaimTemplate()
                .endSpec().build();

        assertThat(ImmutableFields.changed(wanted, relabelled)).containsExactly("/spec/volumeClaimTemplates");
        assertThat(ImmutableFields.changed(defaulted, wanted)).isEmpty();
    }

    /** Object -> immutable fields that differ between the example's render and its render after the edit. */
    private static Map<String, List<String>> refusedChanges(Consumer<LibrarySpec> edit) throws Exception {
        List<HasMetadata> before = Render.render(example()).all();
        Library changed = example();
        edit.accept(changed.getSpec());
        List<HasMetadata> after = Render.render(changed).all();

        Map<String, List<String>> refused = new TreeMap<>();
        for (HasMetadata old : before) {
            after.stream().filter(now -> now.getKind().equals(old.getKind())
                    && now.getMetadata().getName().equals(old.getMetadata().getName())).findFirst().ifPresent(now -> {
                        List<String> fields = new ArrayList<>(ImmutableFields.changed(old, now));
                        ImmutableFields.changed(now, old).stream().filter(f -> !fields.contains(f)).forEach(fields::add);
                        if (!fields.isEmpty()) {
                            refused.put(old.getKind() + " " + old.getMetadata().getName(), fields);
                        }
                    });
        }
        return refused;
    }

    private static Library example() throws Exception {
        try (InputStream in = Files.newInputStream(RenderTest.EXAMPLE)) {
            Library library = Render.read(in);
            return SERIALIZATION.clone(library);
        }
    }

    private static Arguments change(String name, Consumer<LibrarySpec> edit) {
        return Arguments.of(name, edit);
    }
}
