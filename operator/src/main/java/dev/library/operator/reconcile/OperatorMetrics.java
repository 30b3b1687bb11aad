package dev.library.operator.reconcile;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.library.operator.resource.Library;

/**
 * The operator's own metrics, alerted on by monitoring/ (their names are an interface: do not rename):
 * {@code library_operator_leader}, {@code library_operator_reconcile_last_success_timestamp_seconds}
 * and {@code library_operator_library_ready}, the last two per Library (tags {@code library_namespace},
 * {@code library_name}). A deleted Library's series go at the next scrape ({@link #retain}).
 */
public final class OperatorMetrics {

    public static final String LEADER = "library.operator.leader";
    public static final String LAST_SUCCESS = "library.operator.reconcile.last.success.timestamp.seconds";
    public static final String READY = "library.operator.library.ready";
    static final String NAMESPACE_TAG = "library_namespace";
    static final String NAME_TAG = "library_name";

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong leader = new AtomicLong();
    private final Map<Key, PerLibrary> libraries = new ConcurrentHashMap<>();

    private record Key(String namespace, String name) {
    }

    private record PerLibrary(AtomicLong lastSuccess, AtomicLong ready, Gauge lastSuccessGauge, Gauge readyGauge) {
    }

    public OperatorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(LEADER, leader, AtomicLong::get)
                .description("1 while this operator replica holds the leader Lease (or runs without leader election), else 0")
                .register(registry);
    }

    public void leading(boolean leading) {
        leader.set(leading ? 1 : 0);
    }

    public long leader() {
        return leader.get();
    }

    /** A reconcile that applied the spec; ready is the Library's Ready condition. */
    void reconciled(Library library, boolean ready) {
        PerLibrary series = of(library);
        series.lastSuccess().set(clock.instant().getEpochSecond());
        series.ready().set(ready ? 1 : 0);
    }

    /** The spec could not be applied: not Ready, and no successful reconcile to record. */
    void degraded(Library library) {
        of(library).ready().set(0);
    }

    /** Drops the series of Libraries that no longer exist (called with the informer's current list). */
    public void retain(Collection<Library> existing) {
        Set<Key> keep = existing.stream().map(OperatorMetrics::key).collect(Collectors.toSet());
        libraries.keySet().removeIf(key -> {
            if (keep.contains(key)) {
                return false;
            }
            PerLibrary gone = libraries.get(key);
            registry.remove(gone.lastSuccessGauge());
            registry.remove(gone.readyGauge());
            return true;
        });
    }

    private static Key key(Library library) {
        return new Key(library.getMetadata().getNamespace(), library.getMetadata().getName());
    }

    private PerLibrary of(Library library) {
        return libraries.computeIfAbsent(key(library), key -> {
            AtomicLong lastSuccess = new AtomicLong();
            AtomicLong ready = new AtomicLong();
            Gauge lastSuccessGauge = Gauge.builder(LAST_SUCCESS, lastSuccess, AtomicLong::get)
                    .description("When the Library's spec was last applied successfully (Unix epoch seconds)")
                    .tag(NAMESPACE_TAG, key.namespace()).tag(NAME_TAG, key.name()).register(registry);
            Gauge readyGauge = Gauge.builder(READY, ready, AtomicLong::get)
                    .description("1 while the Library's Ready condition is True, else 0")
                    .tag(NAMESPACE_TAG, key.namespace()).tag(NAME_TAG, key.name()).register(registry);
            return new PerLibrary(lastSuccess, ready, lastSuccessGauge, readyGauge);
        });
    }
}
