package dev.library.operator.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import dev.library.operator.resource.ComponentSpec;
import dev.library.operator.resource.EnvVarSpec;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.ResourcesSpec;
import dev.library.wiring.Component;
import dev.library.wiring.Management;

/** Per service: ConfigMap, Deployment, Service, and a PodDisruptionBudget and HPA when they apply. */
final class ServiceWorkloads {

    static final String CONFIG_HASH_ANNOTATION = "library.dev/config-hash";
    /** A digest of the resourceVersions of the user's Secrets the pods read: a changed Secret rolls them. */
    static final String SECRETS_HASH_ANNOTATION = "library.dev/secrets-hash";
    static final String HTTP_PORT_NAME = "http";
    static final String MANAGEMENT_PORT_NAME = "management";
    /** See {@link Management#PRE_STOP}; ./run's rolling restarts wait the same. */
    static final int PRE_STOP_SECONDS = (int) Management.PRE_STOP.toSeconds();
    static final long TERMINATION_GRACE_SECONDS = Management.TERMINATION_GRACE.toSeconds();
    private static final String SIGNING_KEYS_VOLUME = "signing-keys";
    private static final int SIGNING_KEYS_MODE = 0440;

    private final Meta meta;
    private final Settings settings;
    private final LibrarySpec spec;
    private final ClusterState cluster;
    private final String version;

    ServiceWorkloads(Meta meta, Settings settings, LibrarySpec spec, ClusterState cluster, String version) {
        this.meta = meta;
        this.settings = settings;
        this.spec = spec;
        this.cluster = cluster;
        this.version = version;
    }

    static ComponentSpec specOf(LibrarySpec spec, Component component) {
        return switch (component) {
            case GATEWAY -> spec.gateway;
            case AUTH_SERVICE -> spec.authService;
            case BOOK_SERVICE -> spec.bookService;
        };
    }

    ConfigMap configMap(Component component) {
        Part part = Part.of(component);
        ComponentSpec componentSpec = specOf(spec, component);
        Map<String, String> extra = new LinkedHashMap<>();
        for (EnvVarSpec env : componentSpec.env) {
            extra.put(env.name, env.value == null ? "" : env.value);
        }
        return new ConfigMapBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withData(settings.configData(component, extra, componentSpec.jvmMemoryPercent)).build();
    }

    /**
     * The replicas to ask for: the spec's; none under an autoscaler, which owns the field (an
     * applied value would fight the HPA's on every reconcile).
     */
    Integer replicas(Component component) {
        ComponentSpec componentSpec = specOf(spec, component);
        return componentSpec.autoscaling == null ? componentSpec.replicas() : null;
    }

    Deployment deployment(Component component, ConfigMap config, Secret signingKeys) {
        Part part = Part.of(component);
        ComponentSpec componentSpec = specOf(spec, component);
        List<ContainerPort> ports = List.of(
                new ContainerPortBuilder().withName(HTTP_PORT_NAME).withContainerPort(component.apiPort()).build(),
                new ContainerPortBuilder().withName(MANAGEMENT_PORT_NAME).withContainerPort(component.managementPort()).build());
        List<VolumeMount> mounts = new ArrayList<>(List.of(PodHardening.tmpMount()));
        List<Volume> volumes = new ArrayList<>(List.of(PodHardening.tmpVolume()));
        if (component == Component.AUTH_SERVICE) {
            mounts.add(new VolumeMountBuilder().withName(SIGNING_KEYS_VOLUME).withMountPath(Settings.SIGNING_KEYS_MOUNT)
                    .withReadOnly(true).build());
            volumes.add(new VolumeBuilder().withName(SIGNING_KEYS_VOLUME).withNewSecret()
                    .withSecretName(settings.signingKeysSecretName()).withDefaultMode(SIGNING_KEYS_MODE).endSecret().build());
        }
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        podAnnotations.put(CONFIG_HASH_ANNOTATION, configHash(config, component == Component.AUTH_SERVICE ? signingKeys : null));
        podAnnotations.put(SECRETS_HASH_ANNOTATION, secretsHash(userSecrets(component)));
        if (Boolean.TRUE.equals(spec.monitoring.scrape)) {
            podAnnotations.putAll(scrapeAnnotations(component.managementPort()));
        }
        ContainerBuilder container = new ContainerBuilder().withName(component.id())
                .withImage(spec.images.registry + "/library-" + component.id() + ":" + version)
                .withImagePullPolicy(spec.images.pullPolicy.name())
                .withPorts(ports)
                .addNewEnvFrom().withNewConfigMapRef(config.getMetadata().getName(), false).endEnvFrom()
                .withEnv(settings.secretEnv(component))
                .addNewEnv().withName("SERVER_PORT").withValue(String.valueOf(component.apiPort())).endEnv()
                .addNewEnv().withName("MANAGEMENT_SERVER_PORT").withValue(String.valueOf(component.managementPort())).endEnv()
                .withResources(resources(componentSpec.resources))
                .withStartupProbe(probe(Management.LIVENESS_PATH, 5, 60))
                .withLivenessProbe(probe(Management.LIVENESS_PATH, 10, 3))
                .withReadinessProbe(probe(Management.READINESS_PATH, 5, 3))
                .withNewLifecycle().withNewPreStop().withNewSleep((long) PRE_STOP_SECONDS).endPreStop().endLifecycle()
                .withVolumeMounts(mounts)
                .withSecurityContext(PodHardening.container());
        return new DeploymentBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec()
                .withReplicas(replicas(component))
                .withRevisionHistoryLimit(5)
                .withNewSelector().withMatchLabels(meta.selector(part)).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(meta.labels(part, part.role(), version)).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodHardening.pod(PodHardening.APP_USER))
                .withImagePullSecrets(spec.images.pullSecrets.stream().map(LocalObjectReference::new).toList())
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
                        .withNewLabelSelector().withMatchLabels(meta.selector(part)).endLabelSelector().build())
                .withContainers(container.build())
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Service service(Component component) {
        Part part = Part.of(component);
        return new ServiceBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec().withType("ClusterIP").withSelector(meta.selector(part))
                .addNewPort().withName(HTTP_PORT_NAME).withPort(component.apiPort())
                .withTargetPort(new IntOrString(HTTP_PORT_NAME)).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** Only when more than one pod can run: a PDB on a single pod would block node drains. */
    boolean needsDisruptionBudget(Component component) {
        ComponentSpec componentSpec = specOf(spec, component);
        int most = componentSpec.autoscaling != null ? componentSpec.autoscaling.maxReplicas : componentSpec.replicas();
        return most > 1;
    }

    PodDisruptionBudget disruptionBudget(Component component) {
        Part part = Part.of(component);
        return new PodDisruptionBudgetBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(meta.selector(part)).endSelector()
                .endSpec().build();
    }

    HorizontalPodAutoscaler autoscaler(Component component) {
        Part part = Part.of(component);
        ComponentSpec componentSpec = specOf(spec, component);
        return new HorizontalPodAutoscalerBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(meta.name(part)).endScaleTargetRef()
                .withMinReplicas(componentSpec.autoscaling.minReplicas)
                .withMaxReplicas(componentSpec.autoscaling.maxReplicas)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(componentSpec.autoscaling.targetCpuUtilization)
                .endTarget().endResource().endMetric()
                .endSpec().build();
    }

    static Map<String, String> scrapeAnnotations(int port) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(port));
        annotations.put("prometheus.io/path", Management.PROMETHEUS_PATH);
        return annotations;
    }

    static ResourceRequirements resources(ResourcesSpec resources) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        if (resources == null) {
            return builder.build();
        }
        if (resources.requests != null) {
            putIfSet(builder, true, "cpu", resources.requests.cpu);
            putIfSet(builder, true, "memory", resources.requests.memory);
        }
        if (resources.limits != null) {
            putIfSet(builder, false, "cpu", resources.limits.cpu);
            putIfSet(builder, false, "memory", resources.limits.memory);
        }
        return builder.build();
    }

    private static void putIfSet(ResourceRequirementsBuilder builder, boolean request, String name, String value) {
        if (value != null && !value.isBlank()) {
            if (request) {
                builder.addToRequests(name, new Quantity(value));
            } else {
                builder.addToLimits(name, new Quantity(value));
            }
        }
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(MANAGEMENT_PORT_NAME)).endHttpGet()
                .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(2).build();
    }

    /**
     * The Secrets named in the spec that a component's pods read (external store URIs, the admin
     * Secret, the signing keys). Secrets the operator generates are not among them: it never
     * changes those, and a rotated signing key is in the config hash already.
     */
    java.util.SortedSet<String> userSecrets(Component component) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        settings.secretEnv(component).stream().map(env -> env.getValueFrom().getSecretKeyRef().getName()).forEach(names::add);
        if (component == Component.AUTH_SERVICE) {
            names.add(settings.signingKeysSecretName());
        }
        if (!Settings.notBlank(spec.tokens.adminSecret)) {
            names.remove(settings.adminSecretName());
        }
        if (!Settings.notBlank(spec.tokens.signingKeysSecret)) {
            names.remove(settings.signingKeysSecretName());
        }
        return names;
    }

    /** Each Secret's name and resourceVersion ("?" when it cannot be known, as in render). */
    String secretsHash(java.util.SortedSet<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            String version = cluster.secret(name).map(secret -> secret.getMetadata().getResourceVersion()).orElse("?");
            text.append(name).append('=').append(version).append('\n');
        }
        return digest(text.toString());
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A digest of what the pods read at start-up but the pod template does not show: the ConfigMap's
     * data and, for auth-service, which keys the signing-keys Secret holds (adding one rolls the pods).
     */
    static String configHash(ConfigMap config, Secret signingKeys) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(config.getData()).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        if (signingKeys != null) {
            java.util.SortedSet<String> keys = new java.util.TreeSet<>();
            if (signingKeys.getData() != null) {
                keys.addAll(signingKeys.getData().keySet());
            }
            if (signingKeys.getStringData() != null) {
                keys.addAll(signingKeys.getStringData().keySet());
            }
            text.append("signing-keys=").append(keys);
        }
        return digest(text.toString());
    }
}
