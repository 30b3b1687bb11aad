package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.library.operator.apiserver.ApiRequest;
import dev.library.operator.apiserver.Manifests;
import dev.library.operator.apiserver.Rbac;
import dev.library.operator.apiserver.RecordingApiServer;
import dev.library.operator.resource.AutoscalingSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.SecretKeyRef;
import dev.library.operator.resource.StoreMode;

/**
 * The API server's RBAC, which the mock server does not enforce, played on every request the
 * operator makes: the operator runs as in production (server-side apply, leader election with a
 * Lease renewed every few hundred milliseconds, the namespace and Lease name the chart gives it)
 * through a Library's life (first reconcile, spec change, scale, autoscaling on and off, an invalid
 * spec, external stores, deletion), and each recorded request must be granted by the Roles the
 * chart renders and by those in k8s/. Granted verbs no scenario used are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorRbacTest {

    static final String NS = Manifests.NAMESPACE;
    static final String OPERATOR = "library-operator-under-test";
    static final Duration WAIT = Duration.ofSeconds(60);

    private RecordingApiServer server;
    private KubernetesClient client;
    private LibraryOperator.Running operator;
    private List<HasMetadata> chart;
    private Deployment operatorDeployment;

    @BeforeAll
    void runTheOperatorThroughALibrarysLife() throws Exception {
        chart = Manifests.chart();
        operatorDeployment = chart.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(Manifests.RELEASE + "-operator")).findFirst().orElseThrow();
        server = new RecordingApiServer();
        server.answerRulesReviewsWith(rules("chart"));
        client = server.client();
        try (InputStream in = Files.newInputStream(LibraryReconcilerTest.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
        // As the chart's Deployment runs it: its namespace only, its Lease; short timings to see renewals.
        LibraryOperator.LeaderElection election = new LibraryOperator.LeaderElection(env("LEADER_ELECTION_LEASE_NAME"), NS,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMinutes(1), false);
        operator = LibraryOperator.build(server.clientAs(OPERATOR), true, new SimpleMeterRegistry(), Set.of(NS), election,
                Clock.systemUTC(), "operator-0");
        operator.operator().start();
        await().atMost(WAIT).until(() -> operator.leadership().leading());
        await().atMost(WAIT).until(() -> server.count(OPERATOR, r -> r.resource() != null && r.resource().equals("leases")
                && r.verb().equals("patch")) >= 2);

        create(spec -> {
        });
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).list().getItems().size() == 3);
        edit(spec -> spec.images.tag = "9.9.9");
        awaitDeployment("books-gateway", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":9.9.9"));
        client.resources(Library.class).inNamespace(NS).withName("books").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/bookService/replicas\",\"value\":3}]");
        awaitDeployment("books-book-service", d -> Integer.valueOf(3).equals(d.getSpec().getReplicas()));
        edit(spec -> {
            spec.bookService.autoscaling = new AutoscalingSpec();
            spec.bookService.autoscaling.maxReplicas = 4;
        });
        await().atMost(WAIT).until(() -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list()
                .getItems().size() == 1);
        edit(spec -> spec.bookService.autoscaling = null);
        await().atMost(WAIT).until(() -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list()
                .getItems().isEmpty());
        edit(spec -> spec.gateway.resources.limits.memory = "lots");
        await().atMost(WAIT).until(() -> condition("Degraded").equals("True"));
        client.resource(new SecretBuilder().withNewMetadata().withName("mongo").withNamespace(NS).endMetadata()
                .addToStringData("uri", "mongodb://db.example:27017").build()).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("cache").withNamespace(NS).endMetadata()
                .addToStringData("url", "redis://cache.example:6379").build()).create();
        edit(spec -> {
            spec.gateway.resources.limits.memory = "512Mi";
            spec.mongodb.mode = StoreMode.External;
            spec.mongodb.uriSecret = new SecretKeyRef("mongo", null);
            spec.redis.mode = StoreMode.External;
            spec.redis.urlSecret = new SecretKeyRef("cache", null);
        });
        await().atMost(WAIT).until(() -> client.apps().statefulSets().inNamespace(NS).list().getItems().isEmpty());
        await().atMost(WAIT).until(() -> condition("Degraded").equals("False"));
        client.resources(Library.class).inNamespace(NS).withName("books").delete();
        await().atMost(WAIT).until(() -> client.resources(Library.class).inNamespace(NS).withName("books").get() == null);
        // One more renewal after everything, so the Lease was renewed throughout.
        long renewals = server.count(OPERATOR, r -> "leases".equals(r.resource()) && r.verb().equals("patch"));
        await().atMost(WAIT).until(() -> server.count(OPERATOR, r -> "leases".equals(r.resource())
                && r.verb().equals("patch")) > renewals);
    }

    @AfterAll
    void stop() {
        if (operator != null) {
            operator.operator().stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private String env(String name) {
        return operatorDeployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the chart's operator Deployment sets no " + name));
    }

    private void create(Consumer<LibrarySpec> spec) {
        TestLibraries.create(client, NS, "books", WAIT, spec);
    }

    private void edit(Consumer<LibrarySpec> change) {
        TestLibraries.edit(client, NS, "books", change);
    }

    private void awaitDeployment(String name, java.util.function.Predicate<Deployment> condition) {
        await().atMost(WAIT).until(() -> {
            Deployment deployment = client.apps().deployments().inNamespace(NS).withName(name).get();
            return deployment != null && condition.test(deployment);
        });
    }

    private String condition(String type) {
        Library library = client.resources(Library.class).inNamespace(NS).withName("books").get();
        return library.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).map(c -> c.getStatus())
                .findFirst().orElse("");
    }

    private Rbac rules(String source) {
        List<HasMetadata> objects = source.equals("chart") ? chart : Manifests.folder("k8s/library");
        String serviceAccount = operatorDeployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        Rbac rbac = Rbac.forServiceAccount(objects, NS, serviceAccount);
        assertThat(rbac.grantsAny()).as("%s binds no rules to ServiceAccount %s", source, serviceAccount).isTrue();
        return rbac;
    }

    @ParameterizedTest(name = "the Roles in {0} grant every request the operator made")
    @ValueSource(strings = {"chart", "k8s"})
    void everyRequestTheOperatorMadeIsGranted(String source) {
        Rbac rbac = rules(source);
        List<ApiRequest> requests = server.requestsOf(OPERATOR);

        List<String> refused = requests.stream().filter(request -> !rbac.allows(request)).map(ApiRequest::toString)
                .distinct().sorted().toList();

        assertThat(refused).as("refused by the Roles in %s; every request made:%n%s", source, server.describe(OPERATOR))
                .isEmpty();
    }

    @ParameterizedTest(name = "granted verbs no scenario used are reported ({0})")
    @ValueSource(strings = {"chart", "k8s"})
    void grantedVerbsNoScenarioUsedAreReported(String source) {
        Set<String> unused = rules(source).unused(server.requestsOf(OPERATOR));
        System.out.printf("RBAC granted in %s but used by no scenario (%d):%n%s%n", source, unused.size(),
                String.join("\n", unused));
    }

    @Test
    void leaderElectionCreatedTheLeaseOnceAndRenewedItWithPatches() {
        String lease = env("LEADER_ELECTION_LEASE_NAME");
        List<ApiRequest> leases = server.requestsOf(OPERATOR).stream().filter(r -> "leases".equals(r.resource())).toList();

        assertThat(leases).filteredOn(r -> r.verb().equals("create")).hasSize(1);
        assertThat(leases).filteredOn(r -> r.verb().equals("patch")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r.name()).isEqualTo(lease));
        assertThat(lease).isEqualTo(Manifests.RELEASE + "-operator");
    }

    @Test
    void statusPatchesCarryTheStatusAndNoSpec() {
        List<ApiRequest> statusPatches = server.requestsOf(OPERATOR).stream()
                .filter(r -> "libraries".equals(r.resource()) && "status".equals(r.subresource()) && r.verb().equals("patch"))
                .toList();

        assertThat(statusPatches).isNotEmpty().allSatisfy(patch -> {
            var body = client.getKubernetesSerialization().unmarshal(patch.body(), java.util.Map.class);
            assertThat(body).containsKey("status").doesNotContainKey("spec");
        });
    }
}
