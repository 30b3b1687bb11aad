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
    static final String REDIS_PASSWORD_ENV = "REDIS_PASSWORD";
    static final String REDIS_START = "exec redis-server - \"$@\" <<EOF\nrequirepass $" + REDIS_PASSWORD_ENV + "\nEOF";
    static final String REDIS_PING = "REDISCLI_AUTH=\"$" + REDIS_PASSWORD_ENV + "\" redis-cli ping | grep -qx PONG";
    /** mongod's own rule for its WiredTiger cache, applied to the container's limit: 50 % of (limit - 1 GiB), at least 0.25 GiB. */
    private static final double WIRED_TIGER_SHARE = 0.5;
    private static final double WIRED_TIGER_RESERVED_GIB = 1.0;
    private static final double WIRED_TIGER_MINIMUM_GIB = 0.25;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Meta meta;
    private final Settings settings;
    private final LibrarySpec spec;

    ManagedStores(Meta meta, Settings settings, LibrarySpec spec) {
        this.meta = meta;
        this.settings = settings;
        this.spec = spec;
    }

    /**
     * The WiredTiger cache for a memory limit, in GiB: mongod sizes it from the host's RAM, which in
     * a container is not what the pod may use.
     */
    static java.util.Optional<String> wiredTigerCacheGib(String memoryLimit) {
        if (memoryLimit == null || memoryLimit.isBlank()) {
            return java.util.Optional.empty();
        }
        double limit = new Quantity(memoryLimit).getNumericalAmount().doubleValue() / GIB;
        double cache = Math.max(WIRED_TIGER_MINIMUM_GIB, WIRED_TIGER_SHARE * (limit - WIRED_TIGER_RESERVED_GIB));
        return java.util.Optional.of(new java.math.BigDecimal(cache).setScale(2, java.math.RoundingMode.DOWN)
                .stripTrailingZeros().toPlainString());
    }

    /**
     * A single-member replica set (transactions and majority writes work as in production). The
     * member initiates itself once mongod answers (a postStart hook: the pod is not started, and not
     * probed, before it succeeded), and moves an older configuration to the member's namespaced DNS
     * name; the volume outlives the Library unless the spec says otherwise (the StatefulSet's PVC
     * retention policy). Guaranteed QoS (requests = limits): the last pod the kubelet evicts.
     */
    StatefulSet mongodb() {
        Part part = Part.MONGODB;
        String version = Meta.version(spec.mongodb.image);
        String host = settings.mongoMemberHost();
        String initiate = "for i in $(seq 1 " + MONGO_INIT_ATTEMPTS + "); do "
                + "mongosh --quiet --eval 'try { const c = rs.conf(); if (c.members[0].host !== \"" + host + "\") {"
                + " c.members[0].host = \"" + host + "\"; rs.reconfig(c, {force: true}) } rs.status().ok }"
                + " catch (e) { rs.initiate({_id: \"" + Settings.MONGODB_REPLICA_SET + "\", members: [{_id: 0, host: \""
                + host + "\"}]}).ok }' && exit 0; sleep 2; done; exit 1";
        List<String> args = new java.util.ArrayList<>(List.of("--replSet", Settings.MONGODB_REPLICA_SET, "--bind_ip_all",
                "--port", String.valueOf(Store.MONGODB.port())));
        wiredTigerCacheGib(spec.mongodb.resources == null || spec.mongodb.resources.limits == null ? null
                : spec.mongodb.resources.limits.memory).ifPresent(gib -> args.addAll(List.of("--wiredTigerCacheSizeGB", gib)));
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
                .withImagePullSecrets(pullSecrets())
                .withTerminationGracePeriodSeconds(30L)
                .withContainers(new ContainerBuilder().withName("mongod").withImage(spec.mongodb.image)
                        .withArgs(args)
                        // mongosh keeps its history under HOME; the root filesystem is read-only.
                        .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                        .addNewPort().withName("mongodb").withContainerPort(Store.MONGODB.port()).endPort()
                        .withResources(guaranteed(ServiceWorkloads.resources(spec.mongodb.resources)))
                        .withNewLifecycle().withNewPostStart().withNewExec().withCommand("sh", "-c", initiate)
                        .endExec().endPostStart().endLifecycle()
                        // A TCP connect: cheap (mongosh every 10 s costs a Node.js start), and the
                        // replica set is initiated before any probe runs (postStart above).
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(Store.MONGODB.port()))
                        .endTcpSocket().withPeriodSeconds(10).withTimeoutSeconds(2).withFailureThreshold(3).endReadinessProbe()
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
    StatefulSet redis(String passwordHash) {
        Part part = Part.REDIS;
        String version = Meta.version(spec.redis.image);
        Quantity limit = spec.redis.resources == null || spec.redis.resources.limits == null
                || spec.redis.resources.limits.memory == null ? null : new Quantity(spec.redis.resources.limits.memory);
        List<String> args = new java.util.ArrayList<>(List.of("--save", "", "--appendonly", "no",
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
                // A replaced password Secret restarts Redis, as it rolls the services that use it.
                .withNewMetadata().withLabels(meta.labels(part, part.role(), version))
                .withAnnotations(java.util.Map.of(ServiceWorkloads.SECRETS_HASH_ANNOTATION, passwordHash)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(PodHardening.STORE_USER))
                .withImagePullSecrets(pullSecrets())
                .withContainers(new ContainerBuilder().withName("redis").withImage(spec.redis.image)
                        // The password reaches redis-server as configuration on stdin: never in its
                        // arguments (ps) nor as a literal in the pod spec. exec keeps redis-server PID 1.
                        .withCommand("sh", "-c", REDIS_START, "redis-server")
                        .withArgs(args)
                        .addNewEnv().withName(REDIS_PASSWORD_ENV).withNewValueFrom()
                        .withNewSecretKeyRef(GeneratedSecrets.REDIS_PASSWORD_KEY, settings.redisAuthSecretName(), false)
                        .endValueFrom().endEnv()
                        .addNewPort().withName("redis").withContainerPort(Store.REDIS.port()).endPort()
                        .withResources(ServiceWorkloads.resources(spec.redis.resources))
                        // redis-cli answers NOAUTH with exit code 0: only a PONG means ready.
                        .withNewReadinessProbe().withNewExec().withCommand("sh", "-c", REDIS_PING).endExec()
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

    private List<io.fabric8.kubernetes.api.model.LocalObjectReference> pullSecrets() {
        return spec.images.pullSecrets == null ? List.of()
                : spec.images.pullSecrets.stream().map(io.fabric8.kubernetes.api.model.LocalObjectReference::new).toList();
    }

    /** Requests raised to the limits where a limit is set: Guaranteed QoS. */
    static io.fabric8.kubernetes.api.model.ResourceRequirements guaranteed(io.fabric8.kubernetes.api.model.ResourceRequirements resources) {
        java.util.Map<String, Quantity> requests = new java.util.LinkedHashMap<>(
                resources.getRequests() == null ? java.util.Map.of() : resources.getRequests());
        if (resources.getLimits() != null) {
            requests.putAll(resources.getLimits());
        }
        return new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder(resources).withRequests(requests).build();
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
