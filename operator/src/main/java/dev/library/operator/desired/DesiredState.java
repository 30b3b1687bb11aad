package dev.library.operator.desired;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import dev.library.operator.resource.AuthServiceSpec;
import dev.library.operator.resource.BookServiceSpec;
import dev.library.operator.resource.ComponentSpec;
import dev.library.operator.resource.GatewaySpec;
import dev.library.operator.resource.Images;
import dev.library.operator.resource.IngressSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.MongoDbSpec;
import dev.library.operator.resource.MonitoringSpec;
import dev.library.operator.resource.RedisSpec;
import dev.library.operator.resource.StoreMode;
import dev.library.operator.resource.TokensSpec;
import dev.library.wiring.Component;
import dev.library.wiring.Store;

/**
 * Every object one Library consists of, computed from its spec alone (plus what {@link ClusterState}
 * knows). The operator's dependent resources each take their kind from here, and {@code render}
 * prints all of it: one description of the system on Kubernetes.
 */
public record DesiredState(List<Secret> secrets, List<ConfigMap> configMaps, List<Deployment> deployments,
        List<Service> services, List<StatefulSet> statefulSets, List<PodDisruptionBudget> disruptionBudgets,
        List<HorizontalPodAutoscaler> autoscalers, List<NetworkPolicy> networkPolicies, List<Ingress> ingresses,
        String gatewayUrl, String imageTag) {

    /**
     * @throws InvalidSpecException when the spec cannot be made (nothing is computed then)
     */
    public static DesiredState of(Library library, ClusterState cluster, GeneratedSecrets.Values secretValues,
            String operatorVersion) {
        fillDefaults(library);
        SpecValidation.check(library, cluster);
        LibrarySpec spec = library.getSpec();
        String tag = Settings.notBlank(spec.images.tag) ? spec.images.tag : operatorVersion;
        Meta meta = new Meta(library);
        Settings settings = new Settings(library, meta);
        ServiceWorkloads workloads = new ServiceWorkloads(meta, settings, spec, cluster, tag);
        ManagedStores stores = new ManagedStores(meta, settings, spec);
        NetworkPolicies policies = new NetworkPolicies(meta, tag, spec.monitoring.prometheusNamespace);
        GeneratedSecrets generated = new GeneratedSecrets(meta, cluster, secretValues, tag);

        List<Secret> secrets = new ArrayList<>();
        Secret signingKeys = Settings.notBlank(spec.tokens.signingKeysSecret)
                ? cluster.secret(spec.tokens.signingKeysSecret).orElse(null)
                : generated.signingKeys(settings.signingKeysSecretName());
        if (!Settings.notBlank(spec.tokens.signingKeysSecret)) {
            secrets.add(signingKeys);
        }
        if (!Settings.notBlank(spec.tokens.adminSecret)) {
            secrets.add(generated.admin(settings.adminSecretName()));
        }
        if (spec.redis.mode == StoreMode.Managed) {
            secrets.add(generated.redisAuth(settings.redisAuthSecretName()));
        }

        List<ConfigMap> configMaps = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<PodDisruptionBudget> budgets = new ArrayList<>();
        List<HorizontalPodAutoscaler> autoscalers = new ArrayList<>();
        List<NetworkPolicy> networkPolicies = new ArrayList<>();
        for (Component component : Component.values()) {
            ConfigMap config = workloads.configMap(component);
            configMaps.add(config);
            deployments.add(workloads.deployment(component, config, signingKeys));
            services.add(workloads.service(component));
            if (workloads.needsDisruptionBudget(component)) {
                budgets.add(workloads.disruptionBudget(component));
            }
            if (ServiceWorkloads.specOf(spec, component).autoscaling != null) {
                autoscalers.add(workloads.autoscaler(component));
            }
            networkPolicies.add(policies.forComponent(component));
        }
        List<StatefulSet> statefulSets = new ArrayList<>();
        if (spec.mongodb.mode == StoreMode.Managed) {
            statefulSets.add(stores.mongodb());
            services.add(stores.mongodbService());
            networkPolicies.add(policies.forStore(Store.MONGODB, Part.MONGODB));
        }
        if (spec.redis.mode == StoreMode.Managed) {
            statefulSets.add(stores.redis(workloads.secretsHash(new java.util.TreeSet<>(
                    java.util.Set.of(settings.redisAuthSecretName())))));
            services.add(stores.redisService());
            networkPolicies.add(policies.forStore(Store.REDIS, Part.REDIS));
        }
        List<Ingress> ingresses = Boolean.TRUE.equals(spec.ingress.enabled)
                ? List.of(GatewayIngress.of(meta, spec.ingress, tag)) : List.of();
        return new DesiredState(List.copyOf(secrets), configMaps, deployments, services, statefulSets, budgets,
                autoscalers, networkPolicies, ingresses, settings.gatewayUrl(), tag);
    }

    /** Every object, in the order they are best applied (Secrets and config before what reads them). */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(secrets);
        all.addAll(configMaps);
        all.addAll(services);
        all.addAll(statefulSets);
        all.addAll(deployments);
        all.addAll(disruptionBudgets);
        all.addAll(autoscalers);
        all.addAll(networkPolicies);
        all.addAll(ingresses);
        return all;
    }

    /** A part left out (or written as null) means its defaults. */
    static void fillDefaults(Library library) {
        if (library.getSpec() == null) {
            library.setSpec(new LibrarySpec());
        }
        LibrarySpec spec = library.getSpec();
        spec.images = spec.images == null ? new Images() : spec.images;
        if (spec.images.registry == null || spec.images.registry.isBlank()) {
            spec.images.registry = Images.DEFAULT_REGISTRY;
        }
        spec.images.pullPolicy = spec.images.pullPolicy == null ? Images.PullPolicy.IfNotPresent : spec.images.pullPolicy;
        spec.images.pullSecrets = spec.images.pullSecrets == null ? new ArrayList<>() : spec.images.pullSecrets;
        spec.gateway = spec.gateway == null ? new GatewaySpec() : spec.gateway;
        spec.authService = spec.authService == null ? new AuthServiceSpec() : spec.authService;
        spec.bookService = spec.bookService == null ? new BookServiceSpec() : spec.bookService;
        spec.gateway.replicas = spec.gateway.replicas == null ? 1 : spec.gateway.replicas;
        spec.authService.replicas = spec.authService.replicas == null ? 1 : spec.authService.replicas;
        spec.bookService.replicas = spec.bookService.replicas == null ? 1 : spec.bookService.replicas;
        for (var component : List.of(spec.gateway, spec.authService, spec.bookService)) {
            component.env = component.env == null ? new ArrayList<>() : component.env;
            component.jvmMemoryPercent = component.jvmMemoryPercent == null
                    ? ComponentSpec.DEFAULT_JVM_MEMORY_PERCENT : component.jvmMemoryPercent;
            if (component.autoscaling != null) {
                component.autoscaling.minReplicas = component.autoscaling.minReplicas == null ? 1 : component.autoscaling.minReplicas;
                component.autoscaling.targetCpuUtilization = component.autoscaling.targetCpuUtilization == null ? 70
                        : component.autoscaling.targetCpuUtilization;
            }
        }
        spec.mongodb = spec.mongodb == null ? new MongoDbSpec() : spec.mongodb;
        spec.mongodb.mode = spec.mongodb.mode == null ? StoreMode.Managed : spec.mongodb.mode;
        spec.redis = spec.redis == null ? new RedisSpec() : spec.redis;
        spec.redis.mode = spec.redis.mode == null ? StoreMode.Managed : spec.redis.mode;
        spec.tokens = spec.tokens == null ? new TokensSpec() : spec.tokens;
        spec.ingress = spec.ingress == null ? new IngressSpec() : spec.ingress;
        spec.monitoring = spec.monitoring == null ? new MonitoringSpec() : spec.monitoring;
    }
}
