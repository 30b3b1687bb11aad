package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.library.operator.apiserver.RecordingApiServer;
import dev.library.operator.reconcile.Leadership;
import dev.library.operator.reconcile.OperatorMetrics;
import dev.library.operator.resource.AutoscalingSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.SecretKeyRef;
import dev.library.operator.resource.StoreMode;

/**
 * What the operator tells and keeps, run as in production (server-side apply, played by
 * {@link RecordingApiServer}): its metrics, Events on the Library, a changed user Secret rolling the
 * pods, no replicas under an autoscaler, generated Secrets that outlive the Library, and liveness
 * without a leader.
 */
class OperatorBehaviourTest {

    static final String NS = "library";
    static final String OPERATOR = "operator";
    static final Duration WAIT = Duration.ofSeconds(30);

    private RecordingApiServer server;
    private KubernetesClient client;
    private LibraryOperator.Running operator;
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingApiServer();
        client = server.client();
        try (InputStream in = Files.newInputStream(LibraryReconcilerTest.CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator = LibraryOperator.build(server.clientAs(OPERATOR), true, registry, Set.of(NS), null, Clock.systemUTC(),
                "operator-0");
        operator.operator().start();
    }

    @AfterEach
    void stop() {
        operator.operator().stop();
        server.close();
    }

    private void create(Consumer<LibrarySpec> spec) {
        TestLibraries.create(client, NS, "books", WAIT, spec);
    }

    private void edit(Consumer<LibrarySpec> change) {
        TestLibraries.edit(client, NS, "books", change);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private String podAnnotation(String deployment, String key) {
        Deployment found = deployment(deployment);
        return found == null ? null : found.getSpec().getTemplate().getMetadata().getAnnotations().get(key);
    }

    private List<Event> events() {
        return client.events().v1().events().inNamespace(NS).list().getItems();
    }

    @Test
    void metricsTellLeadershipAndEachLibrarysReadinessAndLastSuccess() {
        create(spec -> {
        });
        await().atMost(WAIT).until(() -> registry.scrape().contains("library_operator_reconcile_last_success_timestamp_seconds{"));

        String scrape = registry.scrape();
        assertThat(scrape).containsPattern("(?m)^library_operator_leader(\\{[^}]*\\})? 1\\.0$")
                .containsPattern("(?m)^library_operator_library_ready\\{.*library_name=\"books\",library_namespace=\"library\".*\\} 0\\.0$")
                .containsPattern("(?m)^library_operator_reconcile_last_success_timestamp_seconds\\{.*library_name=\"books\".*\\} [0-9.E]+$");

        client.resources(Library.class).inNamespace(NS).withName("books").delete();
        await().atMost(WAIT).until(() -> {
            operator.reconciler().pruneMetrics();
            return !registry.scrape().contains("library_name=\"books\"");
        });
    }

    @Test
    void eventsOnTheLibrarySayCreatedUpdatedAndDegraded() {
        create(spec -> {
        });
        await().atMost(WAIT).until(() -> events().stream().anyMatch(e -> "Created".equals(e.getReason())));
        edit(spec -> spec.gateway.replicas = 2);
        await().atMost(WAIT).until(() -> events().stream().anyMatch(e -> "Updated".equals(e.getReason())));
        edit(spec -> spec.gateway.resources.limits.memory = "lots");
        await().atMost(WAIT).until(() -> events().stream().anyMatch(e -> "InvalidSpec".equals(e.getReason())));

        Event invalid = events().stream().filter(e -> "InvalidSpec".equals(e.getReason())).findFirst().orElseThrow();
        assertThat(invalid.getType()).isEqualTo("Warning");
        assertThat(invalid.getRegarding().getKind()).isEqualTo("Library");
        assertThat(invalid.getRegarding().getName()).isEqualTo("books");
        assertThat(invalid.getNote()).contains("'lots' is not a quantity");
        assertThat(invalid.getReportingController()).isEqualTo("library.dev/operator");
    }

    @Test
    void aChangedUserSecretRollsThePodsThatReadIt() {
        client.resource(new SecretBuilder().withNewMetadata().withName("mongo").withNamespace(NS).endMetadata()
                .addToStringData("uri", "mongodb://db.example:27017").build()).create();
        create(spec -> {
            spec.mongodb.mode = StoreMode.External;
            spec.mongodb.uriSecret = new SecretKeyRef("mongo", null);
        });
        await().atMost(WAIT).until(() -> podAnnotation("books-book-service", "library.dev/secrets-hash") != null);
        String before = podAnnotation("books-book-service", "library.dev/secrets-hash");
        String gatewayBefore = podAnnotation("books-gateway", "library.dev/secrets-hash");

        client.secrets().inNamespace(NS).withName("mongo").edit(secret -> {
            secret.setData(Map.of("uri", Base64.getEncoder().encodeToString("mongodb://db2.example:27017".getBytes())));
            return secret;
        });
        edit(spec -> spec.gateway.replicas = 2); // any event: the operator looks again

        await().atMost(WAIT).until(() -> !before.equals(podAnnotation("books-book-service", "library.dev/secrets-hash")));
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(deployment("books-gateway").getSpec().getReplicas()));
        assertThat(podAnnotation("books-gateway", "library.dev/secrets-hash")).as("the gateway reads no such Secret")
                .isEqualTo(gatewayBefore);
    }

    @Test
    void underAnAutoscalerTheAppliedDeploymentHasNoReplicasAndTheHpasCountStays() {
        create(spec -> {
            spec.bookService.autoscaling = new AutoscalingSpec();
            spec.bookService.autoscaling.maxReplicas = 4;
        });
        await().atMost(WAIT).until(() -> deployment("books-book-service") != null);

        // What the HPA does: scale the Deployment. Then a change makes the operator apply it again.
        client.apps().deployments().inNamespace(NS).withName("books-book-service").scale(3);
        edit(spec -> spec.bookService.env.add(new dev.library.operator.resource.EnvVarSpec("LIBRARY_CACHE_ENABLED", "true")));
        await().atMost(WAIT).until(() -> "true".equals(client.configMaps().inNamespace(NS).withName("books-book-service")
                .get().getData().get("LIBRARY_CACHE_ENABLED")));
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> Integer.valueOf(3).equals(deployment("books-book-service").getSpec().getReplicas()));

        List<String> applied = server.requestsOf(OPERATOR).stream().filter(r -> r.isApply()
                && "deployments".equals(r.resource()) && "books-book-service".equals(r.name())).map(r -> r.body()).toList();
        assertThat(applied).isNotEmpty().allSatisfy(body -> {
            Map<?, ?> spec = (Map<?, ?>) client.getKubernetesSerialization().unmarshal(body, Map.class).get("spec");
            assertThat(spec.containsKey("replicas")).as("spec.replicas in %s", body).isFalse();
        });
    }

    @Test
    void generatedSecretsOutliveTheLibraryAndAreAdoptedUnchanged() {
        create(spec -> {
        });
        List<String> generated = List.of("books-jwt-signing-keys", "books-admin", "books-redis-auth");
        await().atMost(WAIT).until(() -> generated.stream()
                .allMatch(name -> client.secrets().inNamespace(NS).withName(name).get() != null));
        Map<String, Map<String, String>> before = new HashMap<>();
        for (String name : generated) {
            Secret secret = client.secrets().inNamespace(NS).withName(name).get();
            assertThat(secret.getMetadata().getOwnerReferences()).as(name).isNullOrEmpty();
            before.put(name, secret.getData());
        }

        // The mock has no garbage collector; what it would delete is what the owner references say, asserted above.
        client.resources(Library.class).inNamespace(NS).withName("books").delete();
        await().atMost(WAIT).until(() -> client.resources(Library.class).inNamespace(NS).withName("books").get() == null);
        client.apps().deployments().inNamespace(NS).delete();
        create(spec -> {
        });

        await().atMost(WAIT).until(() -> deployment("books-auth-service") != null);
        for (String name : generated) {
            assertThat(client.secrets().inNamespace(NS).withName(name).get().getData()).as(name).isEqualTo(before.get(name));
        }
        assertThat(server.requestsOf(OPERATOR)).filteredOn(r -> "secrets".equals(r.resource()))
                .allSatisfy(r -> assertThat(r.verb()).isIn("get", "list", "watch", "create"));
    }

    @Test
    void livenessFailsWhenNobodyHasLedForLongerThanTheBound() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AtomicReference<Optional<Instant>> renewedByAnother = new AtomicReference<>(Optional.empty());
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock);
        Leadership leadership = new Leadership(clock, Duration.ofMinutes(2), metrics, renewedByAnother::get);

        assertThat(leadership.healthy()).as("just started").isTrue();
        now.set(now.get().plusSeconds(121));
        assertThat(leadership.healthy()).as("never led, nobody renews the Lease").isFalse();
        renewedByAnother.set(Optional.of(now.get().minusSeconds(5)));
        assertThat(leadership.healthy()).as("a standby while another replica renews").isTrue();
        renewedByAnother.set(Optional.empty());
        leadership.callbacks().onStartLeading();
        assertThat(leadership.healthy()).isTrue();
        assertThat(metrics.leader()).isEqualTo(1);
        leadership.callbacks().onStopLeading();
        now.set(now.get().plusSeconds(121));
        assertThat(leadership.healthy()).as("lost the Lease two minutes ago").isFalse();
        assertThat(metrics.leader()).isZero();
    }
}
