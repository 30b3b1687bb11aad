package dev.library.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.desired.GeneratedSecrets;
import dev.library.operator.desired.InvalidSpecException;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibraryStatus;

/**
 * Keeps one Library's objects as its spec says. The spec is checked first: an invalid one becomes
 * a Degraded condition and nothing is touched (the workflow is invoked explicitly for that
 * reason). A valid one is computed into a {@link DesiredState} that the workflow's dependents
 * apply, kind by kind; the status then reports what is ready.
 */
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "secrets", type = Dependents.GeneratedSecretDependent.class),
        @Dependent(name = "configmaps", type = Dependents.ConfigMapDependent.class),
        @Dependent(name = "services", type = Dependents.ServiceDependent.class),
        @Dependent(name = "statefulsets", type = Dependents.StatefulSetDependent.class),
        @Dependent(name = "deployments", type = Dependents.DeploymentDependent.class, dependsOn = {"secrets", "configmaps"}),
        @Dependent(name = "disruptionbudgets", type = Dependents.DisruptionBudgetDependent.class, dependsOn = "deployments"),
        @Dependent(name = "autoscalers", type = Dependents.AutoscalerDependent.class, dependsOn = "deployments"),
        @Dependent(name = "networkpolicies", type = Dependents.NetworkPolicyDependent.class),
        @Dependent(name = "ingresses", type = Dependents.IngressDependent.class, dependsOn = "services")})
@ControllerConfiguration(name = LibraryReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public class LibraryReconciler implements Reconciler<Library> {

    public static final String NAME = "library";
    /** A Secret the spec names may be created later; look again this often (never a hot loop). */
    static final Duration RECHECK_INVALID = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(LibraryReconciler.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String operatorVersion;
    private final Clock clock;
    private final boolean serverSideApply;
    private final OperatorMetrics metrics;
    private final LibraryEvents events;
    private final AtomicReference<IndexedResourceCache<Library>> libraries = new AtomicReference<>();

    public LibraryReconciler(String operatorVersion, Clock clock, boolean serverSideApply, OperatorMetrics metrics,
            LibraryEvents events) {
        this.operatorVersion = operatorVersion;
        this.clock = clock;
        this.serverSideApply = serverSideApply;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public UpdateControl<Library> reconcile(Library library, Context<Library> context) {
        libraries.set(context.getPrimaryCache());
        Library working = SERIALIZATION.clone(library);
        DesiredState desired;
        try {
            desired = DesiredState.of(working, new CachedClusterState(context, library),
                    GeneratedSecrets.generating(clock), operatorVersion);
        } catch (InvalidSpecException invalid) {
            log.warn("Library {}/{} is invalid: {}", library.getMetadata().getNamespace(), library.getMetadata().getName(),
                    invalid.getMessage());
            metrics.degraded(library);
            events.warning(library, "InvalidSpec", "Validate", invalid.getMessage());
            return UpdateControl.patchStatus(withStatus(library, StatusReport.degraded(library, "InvalidSpec",
                    invalid.getMessage()))).rescheduleAfter(RECHECK_INVALID);
        }
        DesiredObjects.put(context, desired);
        List<String> recreated = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.managedWorkflowAndDependentResourceContext().put(Dependents.StatefulSetDependent.RECREATED, recreated);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        List<Deployment> deployments = List.copyOf(context.getSecondaryResources(Deployment.class));
        List<StatefulSet> statefulSets = List.copyOf(context.getSecondaryResources(StatefulSet.class));
        LibraryStatus status = StatusReport.reconciled(library, desired, deployments, statefulSets,
                recreated);
        metrics.reconciled(library, status.conditions.stream()
                .anyMatch(c -> StatusReport.READY.equals(c.getType()) && "True".equals(c.getStatus())));
        Long applied = library.getStatus() == null ? null : library.getStatus().observedGeneration;
        if (applied == null) {
            events.normal(library, "Created", "Apply", "created the system's objects for generation "
                    + library.getMetadata().getGeneration());
        } else if (!applied.equals(library.getMetadata().getGeneration())) {
            events.normal(library, "Updated", "Apply", "applied generation " + library.getMetadata().getGeneration());
        }
        return UpdateControl.patchStatus(withStatus(library, status));
    }

    @Override
    public ErrorStatusUpdateControl<Library> updateErrorStatus(Library library, Context<Library> context, Exception e) {
        log.error("Reconciling Library {}/{} failed", library.getMetadata().getNamespace(), library.getMetadata().getName(), e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        metrics.degraded(library);
        events.warning(library, "ReconcileFailed", "Apply", message);
        return ErrorStatusUpdateControl.patchStatus(withStatus(library, StatusReport.degraded(library, "ReconcileFailed",
                message)));
    }

    /** Drops the metric series of Libraries that were deleted (the informer's cache knows which exist). */
    public void pruneMetrics() {
        IndexedResourceCache<Library> cache = libraries.get();
        if (cache != null) {
            metrics.retain(cache.list().toList());
        }
    }

    /**
     * With server-side apply the patch holds only what the operator owns (name, namespace, status),
     * as JOSDK advises: no spec (a new Library would carry the Java defaults as one); without it
     * (the mock server's tests) a copy of the resource with the new status.
     */
    private Library withStatus(Library library, LibraryStatus status) {
        Library patch;
        if (serverSideApply) {
            patch = new Library();
            patch.setSpec(null);
            patch.setMetadata(new ObjectMetaBuilder().withName(library.getMetadata().getName())
                    .withNamespace(library.getMetadata().getNamespace()).build());
        } else {
            patch = SERIALIZATION.clone(library);
            patch.getMetadata().setManagedFields(null);
        }
        patch.setStatus(status);
        return patch;
    }
}
