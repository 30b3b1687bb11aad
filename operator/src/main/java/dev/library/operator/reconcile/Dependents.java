package dev.library.operator.reconcile;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.desired.ImmutableFields;
import dev.library.operator.desired.Meta;
import dev.library.operator.resource.Library;

/**
 * One bulk dependent resource per kind: JOSDK creates what is missing, updates what drifted (a
 * Deployment edited by hand is put back), deletes what is no longer wanted (a PDB when replicas
 * drop to one), and watches each kind through one informer limited to the operator's own objects.
 */
public final class Dependents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Dependents.class);

    private Dependents() {
    }

    /** Created, kept in step and deleted by JOSDK: one kind's objects as the desired state lists them. */
    abstract static class OwnedKind<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Library>
            implements KubernetesBulkDependentResource<R, Library> {

        private final Function<DesiredState, List<R>> desired;

        OwnedKind(Class<R> kind, Function<DesiredState, List<R>> desired) {
            super(kind);
            this.desired = desired;
        }

        @Override
        public Map<ResourceID, R> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, desired);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class DeploymentDependent extends OwnedKind<Deployment> {
        public DeploymentDependent() {
            super(Deployment.class, DesiredState::deployments);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class ConfigMapDependent extends OwnedKind<ConfigMap> {
        public ConfigMapDependent() {
            super(ConfigMap.class, DesiredState::configMaps);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class ServiceDependent extends OwnedKind<Service> {
        public ServiceDependent() {
            super(Service.class, DesiredState::services);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class StatefulSetDependent extends OwnedKind<StatefulSet> {
        /** Context key of the notes on StatefulSets deleted for recreation in this reconcile. */
        static final String RECREATED = "recreated-statefulsets";

        public StatefulSetDependent() {
            super(StatefulSet.class, DesiredState::statefulSets);
        }

        /**
         * A change the API server refuses in place (claim templates, selector, serviceName): delete
         * the StatefulSet leaving its pods and volumes (orphan), and the next reconcile, which its
         * deletion triggers, creates the new one, which adopts them. The status says so.
         */
        @Override
        public StatefulSet update(StatefulSet actual, StatefulSet desired, Library primary, Context<Library> context) {
            List<String> refused = ImmutableFields.changed(actual, desired);
            if (refused.isEmpty()) {
                return super.update(actual, desired, primary, context);
            }
            context.getClient().resource(actual).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
            String note = "StatefulSet " + actual.getMetadata().getName() + " is recreated, pods and volumes kept ("
                    + String.join(", ", refused) + " cannot change in place); an existing volume keeps its size and"
                    + " StorageClass: expand its PersistentVolumeClaim by hand where the StorageClass allows";
            context.managedWorkflowAndDependentResourceContext().getMandatory(RECREATED, List.class).add(note);
            return actual;
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class DisruptionBudgetDependent extends OwnedKind<PodDisruptionBudget> {
        public DisruptionBudgetDependent() {
            super(PodDisruptionBudget.class, DesiredState::disruptionBudgets);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class AutoscalerDependent extends OwnedKind<HorizontalPodAutoscaler> {
        public AutoscalerDependent() {
            super(HorizontalPodAutoscaler.class, DesiredState::autoscalers);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class NetworkPolicyDependent extends OwnedKind<NetworkPolicy> {
        public NetworkPolicyDependent() {
            super(NetworkPolicy.class, DesiredState::networkPolicies);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class IngressDependent extends OwnedKind<Ingress> {
        public IngressDependent() {
            super(Ingress.class, DesiredState::ingresses);
        }
    }

    /**
     * Created once, never updated: a rotated signing key or a changed admin password in these
     * Secrets is the SRE's, and an operator restart must not replace a key tokens were signed with.
     * Not owned by the Library (they outlive it and an uninstall), so JOSDK maps them to it by its
     * primary-name annotations. Created with a plain create, never an apply: one that exists already
     * (kept from an earlier install) is adopted as it is.
     */
    @KubernetesDependent(informer = @Informer(labelSelector = Meta.MANAGED_SELECTOR))
    public static final class GeneratedSecretDependent extends KubernetesDependentResource<Secret, Library>
            implements Creator<Secret, Library>, KubernetesBulkDependentResource<Secret, Library> {
        public GeneratedSecretDependent() {
            super(Secret.class);
        }

        @Override
        public Secret create(Secret desired, Library primary, Context<Library> context) {
            addSecondaryToPrimaryMapperAnnotations(desired, primary);
            try {
                return context.getClient().resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                log.info("Secret {}/{} exists already (kept from an earlier install?): adopted unchanged",
                        desired.getMetadata().getNamespace(), desired.getMetadata().getName());
                return context.getClient().secrets().inNamespace(desired.getMetadata().getNamespace())
                        .withName(desired.getMetadata().getName()).get();
            }
        }

        @Override
        public Map<ResourceID, Secret> desiredResources(Library primary, Context<Library> context) {
            return DesiredObjects.of(context, DesiredState::secrets);
        }
    }
}
