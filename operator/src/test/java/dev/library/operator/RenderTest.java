package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.desired.Meta;
import dev.library.operator.resource.Library;

class RenderTest {

    static final Path EXAMPLE = Path.of("..", "k8s", "examples", "library.yaml");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int render(Path file) {
        return Render.run(file, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<HasMetadata> rendered() {
        Object parsed = new KubernetesSerialization().unmarshal(out.toString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
        return objects;
    }

    @Test
    void theExampleRendersEveryObjectOfTheSystem() {
        assertThat(render(EXAMPLE)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, Long> byKind = rendered().stream().collect(java.util.stream.Collectors.groupingBy(HasMetadata::getKind,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        // 3 generated Secrets (signing keys, admin, Redis password); per service ConfigMap, Deployment, Service, NetworkPolicy; MongoDB and Redis each
        // StatefulSet, Service, NetworkPolicy; a PDB for the 2 gateways and for book-service (autoscaled up to 4);
        // book-service's HPA; the Ingress.
        assertThat(byKind).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("ConfigMap", 3L, "Deployment", 3L,
                "HorizontalPodAutoscaler", 1L, "Ingress", 1L, "NetworkPolicy", 5L, "PodDisruptionBudget", 2L,
                "Secret", 3L, "Service", 5L, "StatefulSet", 2L)));
        System.out.println("render of " + EXAMPLE + ": " + rendered().size() + " objects " + byKind);
    }

    @Test
    void everyObjectCarriesTheStandardLabelsAndAnOwnerReferenceButTheGeneratedSecrets() {
        render(EXAMPLE);

        for (HasMetadata object : rendered()) {
            if (object instanceof io.fabric8.kubernetes.api.model.Secret) {
                // They outlive the Library (tokens stay valid after a reinstall): no owner, a note of who made them.
                assertThat(object.getMetadata().getOwnerReferences()).as(object.getMetadata().getName()).isNullOrEmpty();
                assertThat(object.getMetadata().getAnnotations()).containsEntry("library.dev/generated-by",
                        "library-operator for Library library/library");
                continue;
            }
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsKeys(Meta.NAME, Meta.INSTANCE, Meta.COMPONENT, Meta.VERSION)
                    .containsEntry(Meta.PART_OF, "library")
                    .containsEntry(Meta.MANAGED_BY, "library-operator")
                    .containsEntry(Meta.INSTANCE, "library");
            assertThat(object.getMetadata().getOwnerReferences()).as(object.getKind() + " " + object.getMetadata().getName())
                    .singleElement().satisfies(owner -> {
                        assertThat(owner.getKind()).isEqualTo("Library");
                        assertThat(owner.getApiVersion()).isEqualTo("library.dev/v1alpha1");
                        assertThat(owner.getName()).isEqualTo("library");
                    });
            assertThat(object.getMetadata().getNamespace()).isEqualTo("library");
        }
    }

    @Test
    void bookServiceIsToldAuthServicesIntrospectionAndAuthServicesPolicyLetsItIn() {
        render(EXAMPLE);

        ConfigMap books = rendered().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().equals("library-book-service")).findFirst().orElseThrow();
        assertThat(books.getData()).containsEntry("LIBRARY_ADMIN_CHECK_INTROSPECTION_URI",
                "http://library-auth-service:8081/internal/introspect");
        NetworkPolicy auth = rendered().stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(policy -> policy.getMetadata().getName().equals("library-auth-service")).findFirst().orElseThrow();
        assertThat(auth.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(8081);
            assertThat(rule.getFrom()).extracting(peer -> peer.getPodSelector().getMatchLabels().get(Meta.NAME))
                    .contains("book-service");
        });
    }

    @Test
    void managementPortsLetInOnlyThePrometheusOfTheLibrarysOwnNamespace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("library.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata:\n  name: books\nspec: {}\n");
        render(file);

        assertThat(managementPeers("books-book-service", 9082)).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).as("no selector: the policy's own namespace").isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry(Meta.NAME, "prometheus");
        });
    }

    @Test
    void aPrometheusElsewhereIsLetInFromItsNamedNamespaceOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("library.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata:\n  name: books\n"
                + "spec:\n  monitoring:\n    prometheusNamespace: monitoring\n");
        render(file);

        assertThat(managementPeers("books-gateway", 9080)).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry(Meta.NAME, "prometheus");
        });
    }

    private List<NetworkPolicyPeer> managementPeers(String policyName, int managementPort) {
        NetworkPolicy policy = rendered().stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(candidate -> candidate.getMetadata().getName().equals(policyName)).findFirst().orElseThrow();
        return policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == managementPort))
                .flatMap(rule -> rule.getFrom().stream()).toList();
    }

    @Test
    void secretValuesAreNeverPrinted() {
        render(EXAMPLE);

        List<Secret> secrets = rendered().stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList();
        assertThat(secrets).hasSize(3).allSatisfy(secret -> {
            assertThat(secret.getData()).isNullOrEmpty();
            secret.getStringData().forEach((key, value) -> {
                if (!key.equals("username")) {
                    assertThat(value).as(key).contains("generated");
                }
            });
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("BEGIN PRIVATE KEY");
    }

    @Test
    void anEmptySpecRendersAWorkingSystem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata:\n  name: books\nspec: {}\n");

        assertThat(render(file)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(rendered()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "Deployment/books-gateway", "Deployment/books-auth-service", "Deployment/books-book-service",
                "StatefulSet/books-mongodb", "StatefulSet/books-redis", "Ingress/books-gateway",
                "Secret/books-jwt-signing-keys", "Secret/books-admin");
        assertThat(rendered()).filteredOn(o -> o.getKind().equals("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void withScrapingOffNoPodCarriesPrometheusAnnotations(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quiet.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata: {name: books}\n"
                + "spec: {monitoring: {scrape: false}}\n");

        assertThat(render(file)).isZero();
        assertThat(rendered()).filteredOn(io.fabric8.kubernetes.api.model.apps.Deployment.class::isInstance)
                .hasSize(3).allSatisfy(object -> assertThat(((io.fabric8.kubernetes.api.model.apps.Deployment) object)
                        .getSpec().getTemplate().getMetadata().getAnnotations())
                        .doesNotContainKey("prometheus.io/scrape").containsKey("library.dev/config-hash"));
    }

    @Test
    void anInvalidLibraryExitsNonZeroWithTheDegradedMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: books}
                spec:
                  bookService:
                    replicas: 0
                    resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}
                  mongodb: {mode: External}
                """);

        assertThat(render(file)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bookService.replicas: 0 is outside 1..20")
                .contains("bookService.resources.requests.memory: 2Gi exceeds the limit 1Gi")
                .contains("mongodb.uriSecret: required in External mode");
    }

    @Test
    void renderIsTheSameObjectsTheOperatorComputes() throws Exception {
        Library library;
        try (var in = Files.newInputStream(EXAMPLE)) {
            library = Render.read(in);
        }
        DesiredState desired = Render.render(library);
        render(EXAMPLE);

        assertThat(rendered()).hasSize(desired.all().size());
    }
}
