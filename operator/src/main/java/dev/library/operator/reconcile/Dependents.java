package dev.library.operator.reconcile;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.desired.Meta;
import dev.library.operator.resource.Library;

/**
 * One bulk dependent resource per kind: JOSDK creates what is missing, updates what drifted (a
 * Deployment edited by hand is put back), deletes what is no longer wanted (a PDB when replicas
 * drop to one), and watches each kind through one informer limited to the operator's own objects.
 */
public final class Dependents {

    private Dependents() {
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class Deployments extends CRUDKubernetesDependentResource<Deployment, Library>
            implements KubernetesBulkDependentResource<Deployment, Library> {
        public Deployments() {
            super(Deployment.class);
        }

        @Override
        public Map<ResourceID, Deployment> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::deployments);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class ConfigMaps extends CRUDKubernetesDependentResource<ConfigMap, Library>
            implements KubernetesBulkDependentResource<ConfigMap, Library> {
        public ConfigMaps() {
            super(ConfigMap.class);
        }

        @Override
        public Map<ResourceID, ConfigMap> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::configMaps);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class Services extends CRUDKubernetesDependentResource<Service, Library>
            implements KubernetesBulkDependentResource<Service, Library> {
        public Services() {
            super(Service.class);
        }

        @Override
        public Map<ResourceID, Service> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::services);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class StatefulSets extends CRUDKubernetesDependentResource<StatefulSet, Library>
            implements KubernetesBulkDependentResource<StatefulSet, Library> {
        public StatefulSets() {
            super(StatefulSet.class);
        }

        @Override
        public Map<ResourceID, StatefulSet> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::statefulSets);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class DisruptionBudgets extends CRUDKubernetesDependentResource<PodDisruptionBudget, Library>
            implements KubernetesBulkDependentResource<PodDisruptionBudget, Library> {
        public DisruptionBudgets() {
            super(PodDisruptionBudget.class);
        }

        @Override
        public Map<ResourceID, PodDisruptionBudget> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::disruptionBudgets);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class Autoscalers extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, Library>
            implements KubernetesBulkDependentResource<HorizontalPodAutoscaler, Library> {
        public Autoscalers() {
            super(HorizontalPodAutoscaler.class);
        }

        @Override
        public Map<ResourceID, HorizontalPodAutoscaler> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::autoscalers);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class NetworkPolicies extends CRUDKubernetesDependentResource<NetworkPolicy, Library>
            implements KubernetesBulkDependentResource<NetworkPolicy, Library> {
        public NetworkPolicies() {
            super(NetworkPolicy.class);
        }

        @Override
        public Map<ResourceID, NetworkPolicy> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::networkPolicies);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class Ingresses extends CRUDKubernetesDependentResource<Ingress, Library>
            implements KubernetesBulkDependentResource<Ingress, Library> {
        public Ingresses() {
            super(Ingress.class);
        }

        @Override
        public Map<ResourceID, Ingress> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::ingresses);
        }
    }

    /**
     * Created once, never updated: a rotated signing key or a changed admin password in these
     * Secrets is the SRE's, and an operator restart must not replace a key tokens were signed with.
     */
    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class GeneratedSecrets extends KubernetesDependentResource<Secret, Library>
            implements Creator<Secret, Library>, KubernetesBulkDependentResource<Secret, Library> {
        public GeneratedSecrets() {
            super(Secret.class);
        }

        @Override
        public Map<ResourceID, Secret> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::secrets);
        }
    }
}
