package dev.library.operator.desired;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

import dev.library.operator.resource.LibrarySpec;
import dev.library.wiring.Store;

/** MongoDB and Redis when the Library runs them itself. */
final class ManagedStores {

    private static final String DATA_VOLUME = "data";
    /** Redis may fill this share of its memory limit before evicting the least recently used keys. */
    private static final int REDIS_MAXMEMORY_PERCENT = 80;
    private static final int MONGO_INIT_ATTEMPTS = 60;

    private final Meta meta;
    private final Settings settings;
    private final LibrarySpec spec;

    ManagedStores(Meta meta, Settings settings, LibrarySpec spec) {
        this.meta = meta;
        this.settings = settings;
        this.spec = spec;
    }

    /**
     * A single-member replica set (transactions and majority writes work as in production). The
     * member initiates itself once mongod answers; the volume outlives the Library unless the spec
     * says otherwise (the StatefulSet's PVC retention policy).
     */
    StatefulSet mongodb() {
        Part part = Part.MONGODB;
        String version = Meta.version(spec.mongodb.image);
        String initiate = "for i in $(seq 1 " + MONGO_INIT_ATTEMPTS + "); do "
                + "mongosh --quiet --eval 'try { rs.status().ok } catch (e) { rs.initiate({_id: \""
                + Settings.MONGODB_REPLICA_SET + "\", members: [{_id: 0, host: \"" + settings.mongoMemberHost()
                + "\"}]}).ok }' && exit 0; sleep 2; done; exit 1";
        StatefulSetBuilder builder = new StatefulSetBuilder()
                .withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec()
                .withServiceName(meta.name(part))
                .withReplicas(1)
                .withNewSelector().withMatchLabels(meta.selector(part)).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(Boolean.FALSE.equals(spec.mongodb.keepVolumeOnDelete) ? "Delete" : "Retain")
                .withWhenScaled("Retain").endPersistentVolumeClaimRetentionPolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(meta.labels(part, part.role(), version)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(PodHardening.STORE_USER))
                .withTerminationGracePeriodSeconds(30L)
                .withContainers(new ContainerBuilder().withName("mongod").withImage(spec.mongodb.image)
                        .withArgs("--replSet", Settings.MONGODB_REPLICA_SET, "--bind_ip_all", "--port",
                                String.valueOf(Store.MONGODB.port()))
                        // mongosh keeps its history under HOME; the root filesystem is read-only.
                        .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                        .addNewPort().withName("mongodb").withContainerPort(Store.MONGODB.port()).endPort()
                        .withResources(ServiceWorkloads.resources(spec.mongodb.resources))
                        .withNewLifecycle().withNewPostStart().withNewExec().withCommand("sh", "-c", initiate)
                        .endExec().endPostStart().endLifecycle()
                        .withNewReadinessProbe().withNewExec()
                        .withCommand("mongosh", "--quiet", "--eval", "quit(db.hello().isWritablePrimary ? 0 : 1)")
                        .endExec().withPeriodSeconds(10).withTimeoutSeconds(5).withFailureThreshold(3).endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString(Store.MONGODB.port()))
                        .endTcpSocket().withInitialDelaySeconds(30).withPeriodSeconds(10).endLivenessProbe()
                        .withVolumeMounts(new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath("/data/db").build(),
                                new VolumeMountBuilder().withName("configdb").withMountPath("/data/configdb").build(),
                                PodHardening.tmpMount())
                        .withSecurityContext(PodHardening.container())
                        .build())
                .withVolumes(new VolumeBuilder().withName("configdb").withNewEmptyDir().endEmptyDir().build(),
                        PodHardening.tmpVolume())
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate()
                // Stable labels only: the claim templates cannot change once the StatefulSet exists.
                .withNewMetadata().withName(DATA_VOLUME).withLabels(meta.stableLabels(part, part.role())).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withStorageClassName(Settings.notBlank(spec.mongodb.storageClass) ? spec.mongodb.storageClass : null)
                .withNewResources().addToRequests("storage", new Quantity(spec.mongodb.size)).endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec();
        return builder.build();
    }

    /** Headless: the member's own DNS name is its replica set address; published before it is ready. */
    Service mongodbService() {
        Part part = Part.MONGODB;
        return new ServiceBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), Meta.version(spec.mongodb.image)))
                .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true).withSelector(meta.selector(part))
                .addNewPort().withName("mongodb").withPort(Store.MONGODB.port())
                .withTargetPort(new IntOrString("mongodb")).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /**
     * A cache and counter store: no persistence, and nothing evicted at the memory cap, since every
     * eviction policy may pick a rate-limit or login counter (they all expire). The cache keeps
     * itself well below the cap with its own page budget (library.cache.page-budget).
     */
    StatefulSet redis() {
        Part part = Part.REDIS;
        String version = Meta.version(spec.redis.image);
        Quantity limit = spec.redis.resources == null || spec.redis.resources.limits == null
                || spec.redis.resources.limits.memory == null ? null : new Quantity(spec.redis.resources.limits.memory);
        List<String> args = new java.util.ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no",
                // The NetworkPolicy decides who reaches Redis; protected mode would refuse every pod.
                "--protected-mode", "no", "--maxmemory-policy", "noeviction"));
        if (limit != null) {
            long bytes = limit.getNumericalAmount().longValue() * REDIS_MAXMEMORY_PERCENT / 100;
            args.addAll(List.of("--maxmemory", String.valueOf(bytes)));
        }
        return new StatefulSetBuilder()
                .withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec()
                .withServiceName(meta.name(part))
                .withReplicas(1)
                .withNewSelector().withMatchLabels(meta.selector(part)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(meta.labels(part, part.role(), version)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(PodHardening.STORE_USER))
                .withContainers(new ContainerBuilder().withName("redis").withImage(spec.redis.image)
                        .withArgs(args)
                        .addNewPort().withName("redis").withContainerPort(Store.REDIS.port()).endPort()
                        .withResources(ServiceWorkloads.resources(spec.redis.resources))
                        .withNewReadinessProbe().withNewExec().withCommand("redis-cli", "ping").endExec()
                        .withPeriodSeconds(5).withTimeoutSeconds(2).endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString(Store.REDIS.port()))
                        .endTcpSocket().withPeriodSeconds(10).endLivenessProbe()
                        .withVolumeMounts(new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath("/data").build(),
                                PodHardening.tmpMount())
                        .withSecurityContext(PodHardening.container())
                        .build())
                .withVolumes(new VolumeBuilder().withName(DATA_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                        PodHardening.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Service redisService() {
        Part part = Part.REDIS;
        return new ServiceBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), Meta.version(spec.redis.image)))
                .withNewSpec().withType("ClusterIP").withSelector(meta.selector(part))
                .addNewPort().withName("redis").withPort(Store.REDIS.port())
                .withTargetPort(new IntOrString("redis")).withProtocol("TCP").endPort()
                .endSpec().build();
    }
}
