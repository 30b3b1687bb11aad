package dev.library.operator;

import java.time.Clock;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import dev.library.operator.reconcile.LibraryReconciler;

/** Builds the operator: one controller (Library), its workflow, metrics, and the options of where it runs. */
public final class LibraryOperator {

    /** The Lease two operator replicas compete for. */
    public static final String LEASE_NAME = "library-operator";

    private LibraryOperator() {
    }

    /**
     * @param serverSideApply  production: true. fabric8's mock server has no server-side apply, so tests pass false.
     * @param namespaces       namespaces to watch; empty watches all
     * @param leaderElection   null runs without (a single replica, or a test)
     */
    public static Operator create(KubernetesClient client, boolean serverSideApply, MeterRegistry registry,
            Set<String> namespaces, LeaderElectionConfiguration leaderElection, Clock clock) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withUseSSAToPatchPrimaryResource(serverSideApply)
                    .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply);
            if (leaderElection != null) {
                overrider.withLeaderElectionConfiguration(leaderElection);
            }
        });
        operator.register(new LibraryReconciler(OperatorVersion.get(), clock, serverSideApply), configuration -> {
            if (!namespaces.isEmpty()) {
                configuration.settingNamespaces(namespaces);
            }
        });
        return operator;
    }
}
