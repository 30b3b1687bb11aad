package dev.library.operator.reconcile;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import dev.library.operator.desired.ClusterState;
import dev.library.operator.resource.Library;

/**
 * The cluster as a reconcile sees it: the operator's own Secrets and Deployments from the
 * informer caches; a user's Secret (external store, admin, signing keys), which no informer
 * watches, read once from the API server.
 */
final class CachedClusterState implements ClusterState {

    private final Context<Library> context;
    private final String namespace;

    CachedClusterState(Context<Library> context, Library library) {
        this.context = context;
        this.namespace = library.getMetadata().getNamespace();
    }

    @Override
    public Optional<Secret> secret(String name) {
        Optional<Secret> cached = context.getSecondaryResources(Secret.class).stream()
                .filter(secret -> name.equals(secret.getMetadata().getName())).findFirst();
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(context.getClient().secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<Deployment> deployment(String name) {
        return context.getSecondaryResources(Deployment.class).stream()
                .filter(deployment -> name.equals(deployment.getMetadata().getName())).findFirst();
    }

    @Override
    public boolean canCheckSecrets() {
        return true;
    }
}
