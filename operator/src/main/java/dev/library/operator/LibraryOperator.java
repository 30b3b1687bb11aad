package dev.library.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import dev.library.operator.reconcile.Leadership;
import dev.library.operator.reconcile.LibraryEvents;
import dev.library.operator.reconcile.LibraryReconciler;
import dev.library.operator.reconcile.OperatorMetrics;

/** Builds the operator: one controller (Library), its workflow, metrics, and the options of where it runs. */
public final class LibraryOperator {

    /** The Lease's name outside Helm (the chart sets LEADER_ELECTION_LEASE_NAME to {@code <release>-operator}). */
    public static final String DEFAULT_LEASE_NAME = "library-operator";
    /** Liveness fails when no replica has held the Lease for this long (LEADER_ELECTION_LIVENESS_BOUND). */
    public static final Duration DEFAULT_LIVENESS_BOUND = Duration.ofMinutes(2);

    private LibraryOperator() {
    }

    /**
     * Leader election's settings: the Lease (name, namespace), fabric8's timings (JOSDK's defaults in
     * production; tests shorten them to see renewals), how long liveness tolerates no leader, and
     * whether the process exits when it stops leading (production: yes, so the pod restarts).
     */
    public record LeaderElection(String leaseName, String namespace, Duration leaseDuration, Duration renewDeadline,
            Duration retryPeriod, Duration livenessBound, boolean exitOnStopLeading) {

        public static LeaderElection of(String leaseName, String namespace, Duration livenessBound) {
            return new LeaderElection(leaseName, namespace, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, livenessBound, true);
        }
    }

    /** The operator and what its management port reports on. */
    public record Running(Operator operator, Leadership leadership, LibraryReconciler reconciler, OperatorMetrics metrics) {

        /** Liveness: the informers are healthy and someone leads (see {@link Leadership#healthy()}). */
        public boolean alive() {
            return (!operator.getRuntimeInfo().isStarted() || operator.getRuntimeInfo().allEventSourcesAreHealthy())
                    && leadership.healthy();
        }

        public boolean ready() {
            return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
        }
    }

    /**
     * @param serverSideApply  production: true. fabric8's mock server has no server-side apply, so tests pass false.
     * @param namespaces       namespaces to watch; empty watches all
     * @param leaderElection   null runs without (a single replica, or a test)
     */
    public static Operator create(KubernetesClient client, boolean serverSideApply, MeterRegistry registry,
            Set<String> namespaces, LeaderElectionConfiguration leaderElection, Clock clock) {
        if (leaderElection != null) {
            throw new IllegalArgumentException("use build(..., LeaderElection, ...) to run with leader election");
        }
        return build(client, serverSideApply, registry, namespaces, null, clock, DEFAULT_LEASE_NAME).operator();
    }

    /**
     * @param identity this replica's name in the Lease and in its Events (the pod's name in a cluster)
     */
    public static Running build(KubernetesClient client, boolean serverSideApply, MeterRegistry registry,
            Set<String> namespaces, LeaderElection election, Clock clock, String identity) {
        OperatorMetrics metrics = new OperatorMetrics(registry, clock);
        Leadership leadership = election == null ? Leadership.always(clock, metrics)
                : new Leadership(clock, election.livenessBound(), metrics, () -> renewedAt(client, election));
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withUseSSAToPatchPrimaryResource(serverSideApply)
                    .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply);
            if (election != null) {
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(election.leaseName(),
                        election.namespace(), election.leaseDuration(), election.renewDeadline(), election.retryPeriod(),
                        identity, leadership.callbacks(), election.exitOnStopLeading()));
            }
        });
        LibraryReconciler reconciler = new LibraryReconciler(OperatorVersion.get(), clock, serverSideApply, metrics,
                new LibraryEvents(client, clock, identity));
        operator.register(reconciler, configuration -> {
            if (!namespaces.isEmpty()) {
                configuration.settingNamespaces(namespaces);
            }
        });
        return new Running(operator, leadership, reconciler, metrics);
    }

    /** When the Lease was last renewed, by whichever replica holds it; empty when it cannot be read. */
    private static Optional<Instant> renewedAt(KubernetesClient client, LeaderElection election) {
        try {
            Lease lease = client.leases().inNamespace(election.namespace()).withName(election.leaseName()).get();
            return Optional.ofNullable(lease).map(Lease::getSpec).map(spec -> spec.getRenewTime())
                    .map(time -> time.toInstant());
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }
}
