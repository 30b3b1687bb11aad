package dev.library.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;

/**
 * Whether this operator replica is leading, for the leader metric and for liveness. A replica that
 * does not lead is alive while another one renews the Lease; when nobody has held the Lease for
 * longer than the bound (a renewal the API server refuses, a wedged elector), liveness fails and
 * the kubelet restarts the pod, instead of leaving a Ready pod that reconciles nothing.
 */
public final class Leadership {

    private final Clock clock;
    private final Duration bound;
    private final OperatorMetrics metrics;
    private final Supplier<Optional<Instant>> leaseRenewedAt;
    private volatile boolean leading;
    private volatile Instant lastLed;

    /**
     * @param leaseRenewedAt when the Lease was last renewed by whoever holds it (read from the API
     *                       server), empty when it cannot be read
     */
    public Leadership(Clock clock, Duration bound, OperatorMetrics metrics, Supplier<Optional<Instant>> leaseRenewedAt) {
        this.clock = clock;
        this.bound = bound;
        this.metrics = metrics;
        this.leaseRenewedAt = leaseRenewedAt;
        this.lastLed = clock.instant();
    }

    /** Without leader election this replica always leads. */
    public static Leadership always(Clock clock, OperatorMetrics metrics) {
        Leadership leadership = new Leadership(clock, Duration.ZERO, metrics, Optional::empty);
        leadership.started();
        return leadership;
    }

    public LeaderCallbacks callbacks() {
        return new LeaderCallbacks(this::started, this::stopped, identity -> {
        });
    }

    void started() {
        leading = true;
        metrics.leading(true);
    }

    void stopped() {
        leading = false;
        lastLed = clock.instant();
        metrics.leading(false);
    }

    public boolean leading() {
        return leading;
    }

    /** Leading, or someone renewed the Lease within the bound, or this replica led (or started) within it. */
    public boolean healthy() {
        if (leading) {
            return true;
        }
        Instant now = clock.instant();
        if (Duration.between(lastLed, now).compareTo(bound) <= 0) {
            return true;
        }
        return leaseRenewedAt.get().map(renewed -> Duration.between(renewed, now).compareTo(bound) <= 0).orElse(false);
    }
}
