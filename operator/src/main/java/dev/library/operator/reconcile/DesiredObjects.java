package dev.library.operator.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.resource.Library;

/** Hands each dependent resource its kind of object from the one {@link DesiredState} of a reconcile. */
final class DesiredObjects {

    static final String KEY = DesiredState.class.getName();

    private DesiredObjects() {
    }

    static void put(Context<Library> context, DesiredState desired) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, desired);
    }

    static <R extends HasMetadata> Map<ResourceID, R> of(Context<Library> context, Function<DesiredState, List<R>> kind) {
        DesiredState desired = context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, DesiredState.class);
        Map<ResourceID, R> byId = new LinkedHashMap<>();
        for (R resource : kind.apply(desired)) {
            byId.put(ResourceID.fromResource(resource), resource);
        }
        return byId;
    }
}
