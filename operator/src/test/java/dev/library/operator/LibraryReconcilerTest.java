package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.library.operator.desired.Meta;
import dev.library.operator.resource.AutoscalingSpec;
import dev.library.operator.resource.EnvVarSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.SecretKeyRef;
import dev.library.operator.resource.StoreMode;

/**
 * The operator against fabric8's mock API server in CRUD mode. The mock has no server-side apply,
 * so the operator runs with JOSDK's SSA options off here (production keeps them on); it has no
 * controllers either, so pods never start: readiness is simulated by writing workload status.
 */
@EnableKubernetesMockClient(crud = true)
class LibraryReconcilerTest {

    static final String NS = "library";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path CRD = Path.of("target", "classes", "META-INF", "fabric8", "libraries.library.dev-v1.yml");

    KubernetesClient client;
    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;
    private Operator operator;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void startOperator() throws Exception {
        try (InputStream in = Files.newInputStream(CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
        registry = new SimpleMeterRegistry();
        operator = LibraryOperator.create(client, false, registry, Set.of(), null, Clock.systemUTC());
        operator.start();
    }

    @AfterEach
    void stopOperator() {
        operator.stop();
    }

    private Library create(String name, Consumer<LibrarySpec> spec) {
        return TestLibraries.create(client, NS, name, WAIT, spec);
    }

    /** As kubectl edit does: on a conflict (the operator just wrote the status), read again and retry. */
    private void edit(String name, Consumer<LibrarySpec> change) {
        TestLibraries.edit(client, NS, name, change);
    }

    private Library library(String name) {
        return client.resources(Library.class).inNamespace(NS).withName(name).get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private Deployment awaitDeployment(String name) {
        await().atMost(WAIT).until(() -> deployment(name) != null);
        return deployment(name);
    }

    private <T extends HasMetadata> List<T> all(Class<T> kind) {
        return client.resources(kind).inNamespace(NS).list().getItems();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private Condition condition(String library, String type) {
        Library current = library(library);
        if (current.getStatus() == null) {
            return null;
        }
        return current.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void anEmptyLibraryGetsEveryObjectOfTheSystem() {
        Library library = create("books", spec -> {
        });

        await().atMost(WAIT).until(() -> all(Deployment.class).size() == 3 && all(StatefulSet.class).size() == 2
                && all(NetworkPolicy.class).size() == 5 && all(Ingress.class).size() == 1 && all(Secret.class).size() == 3
                && all(Service.class).size() == 5 && all(ConfigMap.class).size() == 3);
        assertThat(all(PodDisruptionBudget.class)).isEmpty();
        assertThat(all(HorizontalPodAutoscaler.class)).isEmpty();

        String uid = library(library.getMetadata().getName()).getMetadata().getUid();
        for (Secret secret : all(Secret.class)) {
            // Generated Secrets outlive the Library: no owner reference (the garbage collector would delete them).
            assertThat(secret.getMetadata().getOwnerReferences()).as(secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getMetadata().getAnnotations()).containsEntry("library.dev/generated-by",
                    "library-operator for Library library/books");
        }
        for (Class<? extends HasMetadata> kind : List.of(Deployment.class, StatefulSet.class, Service.class, ConfigMap.class,
                NetworkPolicy.class, Ingress.class)) {
            for (HasMetadata object : all(kind)) {
                assertThat(object.getMetadata().getOwnerReferences()).as(kind.getSimpleName()).singleElement()
                        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
                assertThat(object.getMetadata().getLabels()).containsEntry(Meta.INSTANCE, "books")
                        .containsEntry(Meta.MANAGED_BY, "library-operator").containsEntry(Meta.PART_OF, "library");
            }
        }
    }

    @Test
    void eachServiceDeploymentIsWiredAndHardened() {
        create("books", spec -> {
        });

        Deployment gateway = awaitDeployment("books-gateway");
        Container container = container(gateway);
        assertThat(container.getImage()).isEqualTo("localhost/library/library-gateway:" + OperatorVersion.get());
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("books-gateway");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(container.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080, 9080);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "9080")
                .containsKey("library.dev/config-hash");

        ConfigMap config = client.configMaps().inNamespace(NS).withName("books-gateway").get();
        assertThat(config.getData())
                .containsEntry("LIBRARY_GATEWAY_AUTH_SERVICE_URI", "http://books-auth-service:8081")
                .containsEntry("LIBRARY_GATEWAY_BOOK_SERVICE_URI", "http://books-book-service:8082")
                .containsEntry("LIBRARY_AUTH_JWKS_URI", "http://books-auth-service:8081/.well-known/jwks.json")
                .containsEntry("REDIS_URL", "redis://books-redis:6379")
                .doesNotContainKey("MONGODB_URI");
        Container auth = container(awaitDeployment("books-auth-service"));
        assertThat(auth.getEnv()).extracting(EnvVar::getName).contains("LIBRARY_ADMIN_USERNAME", "LIBRARY_ADMIN_PASSWORD");
        assertThat(auth.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/etc/library/signing-keys", "/tmp");
        assertThat(client.configMaps().inNamespace(NS).withName("books-auth-service").get().getData())
                .containsEntry("MONGODB_URI", "mongodb://books-mongodb-0.books-mongodb.library.svc:27017/?replicaSet=rs0")
                .containsEntry("LIBRARY_AUTH_SIGNING_KEYS_GENERATE_IF_MISSING", "false");
    }

    @Test
    void changesOfReplicasImageAndEnvArePropagated() {
        create("books", spec -> {
        });
        String hashBefore = awaitDeployment("books-gateway").getSpec().getTemplate().getMetadata().getAnnotations()
                .get("library.dev/config-hash");

        edit("books", spec -> {
            spec.bookService.replicas = 3;
            spec.images.tag = "9.9.9";
            spec.gateway.env.add(new EnvVarSpec("LIBRARY_GATEWAY_RESPONSE_TIMEOUT", "7s"));
        });

        await().atMost(WAIT).until(() -> deployment("books-book-service").getSpec().getReplicas() == 3);
        await().atMost(WAIT).until(() -> container(deployment("books-auth-service")).getImage()
                .equals("localhost/library/library-auth-service:9.9.9"));
        await().atMost(WAIT).until(() -> "7s".equals(client.configMaps().inNamespace(NS).withName("books-gateway").get()
                .getData().get("LIBRARY_GATEWAY_RESPONSE_TIMEOUT")));
        await().atMost(WAIT).until(() -> !hashBefore.equals(deployment("books-gateway").getSpec().getTemplate()
                .getMetadata().getAnnotations().get("library.dev/config-hash")));
        // More than one book-service pod: a disruption budget now keeps one running through drains.
        await().atMost(WAIT).until(() -> client.policy().v1().podDisruptionBudget().inNamespace(NS)
                .withName("books-book-service").get() != null);

        edit("books", spec -> spec.bookService.replicas = 1);
        await().atMost(WAIT).until(() -> client.policy().v1().podDisruptionBudget().inNamespace(NS)
                .withName("books-book-service").get() == null);
    }

    @Test
    void aDeploymentDeletedByHandComesBack() {
        create("books", spec -> {
        });
        String uid = awaitDeployment("books-book-service").getMetadata().getUid();

        client.apps().deployments().inNamespace(NS).withName("books-book-service").delete();

        await().atMost(WAIT).until(() -> {
            Deployment again = deployment("books-book-service");
            return again != null && !again.getMetadata().getUid().equals(uid);
        });
    }

    @Test
    void aDeploymentEditedByHandIsPutBack() {
        create("books", spec -> {
        });
        awaitDeployment("books-gateway");

        client.apps().deployments().inNamespace(NS).withName("books-gateway").edit(deployment -> {
            container(deployment).setImage("evil/gateway:latest");
            deployment.getSpec().setReplicas(7);
            return deployment;
        });

        await().atMost(WAIT).until(() -> container(deployment("books-gateway")).getImage()
                .startsWith("localhost/library/library-gateway:") && deployment("books-gateway").getSpec().getReplicas() == 1);
    }

    @Test
    void resizingMongoDbRecreatesItsStatefulSetOrphaningPodsAndVolumesAndSaysSo() throws Exception {
        create("books", spec -> {
        });
        await().atMost(WAIT).until(() -> client.apps().statefulSets().inNamespace(NS).withName("books-mongodb").get() != null);
        String uid = client.apps().statefulSets().inNamespace(NS).withName("books-mongodb").get().getMetadata().getUid();
        assertThat(requests("DELETE", "statefulsets/books-mongodb")).as("no recreation without a change").isEmpty();

        // Every status the Library passes through (the recreation note lasts one reconcile).
        List<String> progressing = new java.util.concurrent.CopyOnWriteArrayList<>();
        var watch = client.resources(Library.class).inNamespace(NS).withName("books").watch(new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, Library library) {
                library.getStatus().conditions.stream().filter(c -> "Progressing".equals(c.getType()))
                        .forEach(c -> progressing.add(c.getReason() + ": " + c.getMessage()));
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        });

        // The API server refuses a new volumeClaimTemplates on an existing StatefulSet (the mock does not).
        edit("books", spec -> spec.mongodb.size = "20Gi");

        await().atMost(WAIT).until(() -> {
            StatefulSet again = client.apps().statefulSets().inNamespace(NS).withName("books-mongodb").get();
            return again != null && !again.getMetadata().getUid().equals(uid);
        });
        StatefulSet recreated = client.apps().statefulSets().inNamespace(NS).withName("books-mongodb").get();
        assertThat(recreated.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
                .hasToString("20Gi");
        List<String> sent = requests("", "");
        assertThat(sent).filteredOn(request -> request.startsWith("DELETE ") && request.contains("statefulsets/books-mongodb"))
                .isNotEmpty().allSatisfy(request -> assertThat(request).contains("\"propagationPolicy\":\"Orphan\""));
        await().atMost(WAIT).until(() -> progressing.stream().anyMatch(c -> c.startsWith("RecreatingStatefulSet: ")
                && c.contains("StatefulSet books-mongodb is recreated, pods and volumes kept")));
        watch.close();
    }

    /** "METHOD path body" of the requests sent so far whose method and path start so (the mock records them all). */
    private List<String> requests(String method, String pathPart) throws InterruptedException {
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            io.fabric8.mockwebserver.http.RecordedRequest request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
            if (request == null) {
                break;
            }
            if (request.getMethod().startsWith(method) && request.getPath().contains(pathPart)) {
                bodies.add(request.getMethod() + " " + request.getPath() + " " + request.getUtf8Body());
            }
        }
        return bodies;
    }

    @Test
    void generatedSecretsAreNeverRegeneratedAndAnAddedKeyRollsAuthService() {
        create("books", spec -> {
        });
        await().atMost(WAIT).until(() -> all(Secret.class).size() == 3);
        Secret keys = client.secrets().inNamespace(NS).withName("books-jwt-signing-keys").get();
        Secret admin = client.secrets().inNamespace(NS).withName("books-admin").get();
        Secret redis = client.secrets().inNamespace(NS).withName("books-redis-auth").get();
        assertThat(secretData(redis).get("password")).hasSizeGreaterThanOrEqualTo(32).doesNotContain("generated");
        Map<String, String> keysData = secretData(keys);
        assertThat(keysData).hasSize(1).allSatisfy((name, pem) -> assertThat(pem).contains("BEGIN PRIVATE KEY"));
        assertThat(secretData(admin)).containsKeys("username", "password");
        String hashBefore = awaitDeployment("books-auth-service").getSpec().getTemplate().getMetadata().getAnnotations()
                .get("library.dev/config-hash");

        // Rotation: the SRE adds a key whose name sorts last; the operator keeps it and rolls auth-service.
        client.secrets().inNamespace(NS).withName("books-jwt-signing-keys").edit(secret -> {
            secret.getData().put("key-99991231T000000Z.pem", java.util.Base64.getEncoder().encodeToString("new".getBytes()));
            return secret;
        });
        edit("books", spec -> spec.authService.replicas = 2);

        await().atMost(WAIT).until(() -> deployment("books-auth-service").getSpec().getReplicas() == 2);
        await().atMost(WAIT).until(() -> !hashBefore.equals(deployment("books-auth-service").getSpec().getTemplate()
                .getMetadata().getAnnotations().get("library.dev/config-hash")));
        Map<String, String> after = secretData(client.secrets().inNamespace(NS).withName("books-jwt-signing-keys").get());
        assertThat(after).hasSize(2).containsAllEntriesOf(keysData);
        assertThat(secretData(client.secrets().inNamespace(NS).withName("books-admin").get()))
                .isEqualTo(secretData(admin));
        assertThat(secretData(client.secrets().inNamespace(NS).withName("books-redis-auth").get()))
                .isEqualTo(secretData(redis));
    }

    @Test
    void aReplacedRedisPasswordRestartsRedisAndRollsTheServicesThatUseIt() {
        create("books", spec -> {
        });
        await().atMost(WAIT).until(() -> all(Secret.class).size() == 3 && all(StatefulSet.class).size() == 2
                && all(Deployment.class).size() == 3);
        String redisBefore = redisSecretsHash();
        String gatewayBefore = deployment("books-gateway").getSpec().getTemplate().getMetadata().getAnnotations()
                .get("library.dev/secrets-hash");

        client.secrets().inNamespace(NS).withName("books-redis-auth").edit(secret -> {
            secret.setData(Map.of("password", java.util.Base64.getEncoder().encodeToString("rotated-by-hand".getBytes())));
            secret.setStringData(null);
            return secret;
        });
        edit("books", spec -> spec.gateway.replicas = 2);

        await().atMost(WAIT).until(() -> !redisBefore.equals(redisSecretsHash()));
        await().atMost(WAIT).until(() -> !gatewayBefore.equals(deployment("books-gateway").getSpec().getTemplate()
                .getMetadata().getAnnotations().get("library.dev/secrets-hash")));
    }

    private String redisSecretsHash() {
        return client.apps().statefulSets().inNamespace(NS).withName("books-redis").get().getSpec().getTemplate()
                .getMetadata().getAnnotations().get("library.dev/secrets-hash");
    }

    private static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new java.util.TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(java.util.Base64.getDecoder().decode(v))));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    @Test
    void anInvalidSpecBecomesDegradedAndNothingIsApplied() {
        create("books", spec -> {
            spec.gateway.resources.limits.memory = "lots";
            spec.redis.mode = StoreMode.External;
            spec.redis.urlSecret = new SecretKeyRef("no-such-secret", null);
        });

        await().atMost(WAIT).until(() -> condition("books", "Degraded") != null);
        Condition degraded = condition("books", "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("InvalidSpec");
        assertThat(degraded.getMessage()).contains("gateway.resources.limits.memory: 'lots' is not a quantity")
                .contains("redis.urlSecret: Secret no-such-secret not found");
        assertThat(condition("books", "Ready").getStatus()).isEqualTo("False");
        assertThat(library("books").getStatus().observedGeneration).isEqualTo(library("books").getMetadata().getGeneration());
        assertThat(all(Deployment.class)).isEmpty();

        // Fixed: the next generation is applied and Degraded clears.
        edit("books", spec -> {
            spec.gateway.resources.limits.memory = "512Mi";
            spec.redis.mode = StoreMode.Managed;
        });
        await().atMost(WAIT).until(() -> all(Deployment.class).size() == 3);
        await().atMost(WAIT).until(() -> "False".equals(condition("books", "Degraded").getStatus()));
    }

    @Test
    void scalingTheLibraryScalesBookService() {
        create("books", spec -> {
        });
        awaitDeployment("books-book-service");
        String specReplicasPath = client.apiextensions().v1().customResourceDefinitions()
                .withName("libraries.library.dev").get().getSpec().getVersions().get(0).getSubresources().getScale()
                .getSpecReplicasPath();

        // `kubectl scale lib/books --replicas=4`: the API server writes the CRD's specReplicasPath. The mock's
        // scale endpoint only knows .spec.replicas, so the test writes that path as the API server would.
        client.resources(Library.class).inNamespace(NS).withName("books").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"" + specReplicasPath.replace('.', '/') + "\",\"value\":4}]");

        assertThat(library("books").getSpec().bookService.replicas).isEqualTo(4);
        await().atMost(WAIT).until(() -> deployment("books-book-service").getSpec().getReplicas() == 4);
    }

    /** Keeping the HPA's count needs server-side apply: OperatorBehaviourTest checks it with SSA played. */
    @Test
    void underAnAutoscalerTheDeploymentIsAppliedWithoutReplicas() {
        create("books", spec -> {
            spec.bookService.autoscaling = new AutoscalingSpec();
            spec.bookService.autoscaling.minReplicas = 2;
            spec.bookService.autoscaling.maxReplicas = 6;
        });
        await().atMost(WAIT).until(() -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                .withName("books-book-service").get() != null);

        // The HPA owns the field (it starts the Deployment at its minimum).
        assertThat(awaitDeployment("books-book-service").getSpec().getReplicas()).isNull();
        assertThat(deployment("books-gateway").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void externalStoresMeanNoManagedStoreWorkloads() {
        client.resource(new SecretBuilder().withNewMetadata().withName("mongo").withNamespace(NS).endMetadata()
                .addToStringData("uri", "mongodb://db.example:27017").build()).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("cache").withNamespace(NS).endMetadata()
                .addToStringData("url", "redis://cache.example:6379").build()).create();
        create("books", spec -> {
            spec.mongodb.mode = StoreMode.External;
            spec.mongodb.uriSecret = new SecretKeyRef("mongo", null);
            spec.redis.mode = StoreMode.External;
            spec.redis.urlSecret = new SecretKeyRef("cache", "url");
        });

        Container auth = container(awaitDeployment("books-auth-service"));
        assertThat(auth.getEnv()).filteredOn(env -> env.getName().equals("MONGODB_URI")).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mongo"));
        assertThat(auth.getEnv()).filteredOn(env -> env.getName().equals("REDIS_URL")).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url"));
        await().atMost(WAIT).until(() -> all(Service.class).size() == 3);
        assertThat(all(StatefulSet.class)).isEmpty();
        assertThat(all(NetworkPolicy.class)).hasSize(3);
    }

    @Test
    void statusSaysReadyWhenEveryWorkloadIsReady() {
        create("books", spec -> {
        });
        await().atMost(WAIT).until(() -> all(Deployment.class).size() == 3 && all(StatefulSet.class).size() == 2);
        await().atMost(WAIT).until(() -> condition("books", "Progressing") != null);
        assertThat(condition("books", "Ready").getStatus()).isEqualTo("False");
        assertThat(condition("books", "Progressing").getStatus()).isEqualTo("True");

        // What the Deployment and StatefulSet controllers would write once the pods are ready.
        for (Deployment deployment : all(Deployment.class)) {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1)
                    .withAvailableReplicas(1).build());
            client.resource(deployment).updateStatus();
        }
        for (StatefulSet statefulSet : all(StatefulSet.class)) {
            statefulSet.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
            client.resource(statefulSet).updateStatus();
        }

        await().atMost(WAIT).until(() -> "True".equals(condition("books", "Ready").getStatus()));
        Library ready = library("books");
        assertThat(condition("books", "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition("books", "Degraded").getStatus()).isEqualTo("False");
        assertThat(ready.getStatus().bookService.readyReplicas).isEqualTo(1);
        assertThat(ready.getStatus().gatewayUrl).isEqualTo("http://books-gateway.library.svc:8080");
        assertThat(ready.getStatus().bookServiceSelector)
                .isEqualTo("app.kubernetes.io/instance=books,app.kubernetes.io/name=book-service");
    }

    /** Not an assertion on time (that would be flaky): the figures go into the report. */
    @Test
    void oneFullReconcileIsTimed() {
        create("books", spec -> {
        });
        await().atMost(WAIT).until(() -> all(Deployment.class).size() == 3 && condition("books", "Ready") != null);
        Timer reconciles = registry.find("operator.sdk.controllers.execution.reconcile").timer();
        assertThat(reconciles).isNotNull();
        long firstCount = reconciles.count();
        double firstMs = reconciles.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);

        edit("books", spec -> spec.gateway.env.add(new EnvVarSpec("LIBRARY_GATEWAY_RESPONSE_TIMEOUT", "6s")));
        await().atMost(WAIT).until(() -> reconciles.count() > firstCount);
        double laterMs = (reconciles.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - firstMs)
                / (reconciles.count() - firstCount);

        int objects = List.of(Secret.class, ConfigMap.class, Service.class, StatefulSet.class, Deployment.class,
                NetworkPolicy.class, Ingress.class, PodDisruptionBudget.class, HorizontalPodAutoscaler.class).stream()
                .mapToInt(kind -> all(kind).size()).sum();
        System.out.printf("reconcile on the mock server: first (creates %d objects) %.0f ms over %d reconcile(s);"
                + " a later one (one ConfigMap and Deployment changed) %.0f ms%n", objects, firstMs, firstCount, laterMs);
        assertThat(firstCount).isPositive();
    }
}
