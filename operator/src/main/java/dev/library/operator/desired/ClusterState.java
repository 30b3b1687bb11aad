package dev.library.operator.desired;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the desired state depends on that only the cluster knows: Secrets generated earlier (never
 * generated twice), user Secrets that must exist, and the replica count an autoscaler has chosen.
 */
public interface ClusterState {

    /** A Secret in the Library's namespace, if it exists (and can be known). */
    Optional<Secret> secret(String name);

    /** A Deployment in the Library's namespace, if it exists. */
    Optional<Deployment> deployment(String name);

    /** Whether user Secrets can be checked (false for {@code render}, which has no cluster). */
    boolean canCheckSecrets();

    /** No cluster: {@code render}. */
    ClusterState NONE = new ClusterState() {
        @Override
        public Optional<Secret> secret(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Deployment> deployment(String name) {
            return Optional.empty();
        }

        @Override
        public boolean canCheckSecrets() {
            return false;
        }
    };
}
