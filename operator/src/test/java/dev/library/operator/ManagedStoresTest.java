package dev.library.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.operator.resource.MongoDbSpec;
import dev.library.operator.resource.RedisSpec;

/**
 * The MongoDB and Redis the operator runs (issue 22, finding 10; Redis with a generated password):
 * sized and probed for a pod, reachable under a name clients anywhere resolve, the last to be
 * evicted, pinned, and pulled with the Library's pull secrets.
 */
class ManagedStoresTest {

    @TempDir
    Path temp;

    @Test
    void theWiredTigerCacheIsSizedFromTheMemoryLimitNotTheNodesMemory() throws Exception {
        assertThat(mongod(render("")).getArgs()).containsSequence("--wiredTigerCacheSizeGB", "0.25");
        assertThat(mongod(render("""
                mongodb:
                  resources:
                    requests: {cpu: 500m, memory: 4Gi}
                    limits: {cpu: "2", memory: 4Gi}
                """)).getArgs()).containsSequence("--wiredTigerCacheSizeGB", "1.5");
    }

    @Test
    void mongodbReadinessIsATcpCheckNotAMongoshStartEveryTenSeconds() throws Exception {
        Container mongod = mongod(render(""));

        assertThat(mongod.getReadinessProbe().getExec()).isNull();
        assertThat(mongod.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(27017);
        assertThat(mongod.getLifecycle().getPostStart().getExec().getCommand()).last().asString()
                .contains("rs.initiate");
    }

    @Test
    void theReplicaSetMemberIsNamedSoClientsInAnyNamespaceResolveIt() throws Exception {
        List<HasMetadata> objects = render("");
        String host = "library-mongodb-0.library-mongodb.library.svc:27017";

        assertThat(mongod(objects).getLifecycle().getPostStart().getExec().getCommand()).last().asString()
                .contains("host: \"" + host + "\"");
        assertThat(objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getData().containsKey("MONGODB_URI")).toList()).isNotEmpty()
                .allSatisfy(map -> assertThat(map.getData().get("MONGODB_URI")).startsWith("mongodb://" + host + "/"));
    }

    @Test
    void mongodbGetsGuaranteedQosSoItIsEvictedLast() throws Exception {
        Container mongod = mongod(render(""));

        assertThat(mongod.getResources().getRequests()).isEqualTo(mongod.getResources().getLimits())
                .containsKeys("cpu", "memory");
    }

    @Test
    void storeImagesArePinnedToAFullVersionByDefault() {
        assertThat(new MongoDbSpec().image).matches("docker\\.io/library/mongo:\\d+\\.\\d+\\.\\d+");
        assertThat(new RedisSpec().image).matches("docker\\.io/library/redis:\\d+\\.\\d+\\.\\d+-alpine");
    }

    @Test
    void theStoresArePulledWithTheLibrarysPullSecrets() throws Exception {
        List<HasMetadata> objects = render("""
                images:
                  pullSecrets: [registry-credentials]
                """);

        assertThat(objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).toList())
                .hasSize(2).allSatisfy(set -> assertThat(set.getSpec().getTemplate().getSpec().getImagePullSecrets())
                        .containsExactly(new LocalObjectReference("registry-credentials")));
    }

    @Test
    void redisRequiresAPasswordThatIsNeitherInItsArgumentsNorALiteralInThePodSpec() throws Exception {
        Container redis = redis(render(""));

        // The start script feeds "requirepass $REDIS_PASSWORD" to redis-server on stdin.
        assertThat(redis.getCommand()).startsWith("sh", "-c").anySatisfy(part -> assertThat(part)
                .contains("redis-server -").contains("requirepass $REDIS_PASSWORD"));
        assertThat(redis.getArgs()).noneMatch(arg -> arg.contains("requirepass") || arg.contains("PASSWORD"));
        assertThat(redis.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("REDIS_PASSWORD");
            assertThat(env.getValue()).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("library-redis-auth");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
        // A NOAUTH reply is not ready: the probe authenticates and wants PONG.
        assertThat(String.join(" ", redis.getReadinessProbe().getExec().getCommand()))
                .contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\"").contains("PONG");
    }

    @Test
    void everyServiceReadsTheRedisPasswordFromTheGeneratedSecret() throws Exception {
        List<Deployment> deployments = render("").stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .toList();

        assertThat(deployments).hasSize(3).allSatisfy(deployment -> assertThat(deployment.getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()).filteredOn(env -> env.getName().equals("LIBRARY_REDIS_PASSWORD"))
                .singleElement().satisfies(env -> {
                    assertThat(env.getValue()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("library-redis-auth");
                }));
    }

    @Test
    void theRedisPasswordSecretIsGeneratedOnceKeptOnDeletionAndNeverPrinted() throws Exception {
        Secret secret = render("").stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .filter(s -> s.getMetadata().getName().equals("library-redis-auth")).findFirst().orElseThrow();

        assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(secret.getMetadata().getAnnotations()).containsKey("library.dev/generated-by");
        assertThat(secret.getStringData()).containsOnlyKeys("password");
        assertThat(secret.getStringData().get("password")).contains("never printed");
    }

    @Test
    void anExternalRedisGetsNoGeneratedPassword() throws Exception {
        List<HasMetadata> objects = render("""
                redis:
                  mode: External
                  urlSecret: {name: my-redis}
                """);

        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("library-redis-auth"));
        assertThat(objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()))
                .noneMatch(env -> env.getName().equals("LIBRARY_REDIS_PASSWORD"));
    }

    private static Container redis(List<HasMetadata> objects) {
        return objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(set -> set.getMetadata().getName().equals("library-redis")).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container mongod(List<HasMetadata> objects) {
        return objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(set -> set.getMetadata().getName().equals("library-mongodb")).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private List<HasMetadata> render(String spec) throws Exception {
        Path file = temp.resolve("library.yaml");
        Files.writeString(file, "apiVersion: library.dev/v1alpha1\nkind: Library\nmetadata:\n  name: library\n"
                + "  namespace: library\nspec:\n" + (spec.isBlank() ? "  {}\n" : spec.indent(2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Render.run(file, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = (List<HasMetadata>) new KubernetesSerialization().unmarshal(out.toString(StandardCharsets.UTF_8));
        return objects;
    }
}
