package dev.library.operator.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import dev.library.operator.desired.DesiredState;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibraryStatus;

/** Builds the status: replicas per component, the gateway URL, and the three conditions. */
final class StatusReport {

    static final String READY = "Ready";
    static final String PROGRESSING = "Progressing";
    static final String DEGRADED = "Degraded";

    private StatusReport() {
    }

    /** After a successful reconcile: Ready when every workload has all its pods ready and updated. */
    static LibraryStatus reconciled(Library library, DesiredState desired, List<Deployment> deployments,
            List<StatefulSet> statefulSets, List<String> recreated) {
        LibraryStatus status = new LibraryStatus();
        status.observedGeneration = library.getMetadata().getGeneration();
        status.gatewayUrl = desired.gatewayUrl();
        List<String> waiting = new ArrayList<>();
        for (Deployment wanted : desired.deployments()) {
            Optional<Deployment> actual = find(deployments, wanted.getMetadata().getName());
            // Under an autoscaler the applied Deployment has no replicas: the HPA's choice is the wanted count.
            Integer applied = wanted.getSpec().getReplicas() != null ? wanted.getSpec().getReplicas()
                    : actual.map(d -> d.getSpec().getReplicas()).orElse(null);
            int want = Objects.requireNonNullElse(applied, 1);
            int ready = actual.map(Deployment::getStatus).map(s -> s.getReadyReplicas()).orElse(0);
            int updated = actual.map(Deployment::getStatus).map(s -> s.getUpdatedReplicas()).orElse(0);
            if (ready < want || updated < want) {
                waiting.add(wanted.getMetadata().getName() + " " + ready + "/" + want + " ready");
            }
            String component = wanted.getMetadata().getLabels().get("app.kubernetes.io/name");
            switch (component) {
                case "gateway" -> status.gateway = new LibraryStatus.ComponentStatus(want, ready);
                case "auth-service" -> status.authService = new LibraryStatus.ComponentStatus(want, ready);
                case "book-service" -> {
                    status.bookService = new LibraryStatus.BookServiceStatus(want, ready);
                    status.bookServiceSelector = wanted.getSpec().getSelector().getMatchLabels().entrySet().stream()
                            .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted()
                            .reduce((a, b) -> a + "," + b).orElse("");
                }
                default -> {
                }
            }
        }
        for (StatefulSet wanted : desired.statefulSets()) {
            int ready = find(statefulSets, wanted.getMetadata().getName()).map(StatefulSet::getStatus)
                    .map(s -> s.getReadyReplicas()).orElse(0);
            if (ready < wanted.getSpec().getReplicas()) {
                waiting.add(wanted.getMetadata().getName() + " " + ready + "/" + wanted.getSpec().getReplicas() + " ready");
            }
        }
        // A StatefulSet deleted for recreation may still be in the cache: not ready until it is back.
        waiting.addAll(recreated);
        boolean ready = waiting.isEmpty();
        List<Condition> previous = library.getStatus() == null ? List.of() : library.getStatus().conditions;
        long generation = Objects.requireNonNullElse(library.getMetadata().getGeneration(), 0L);
        status.conditions = List.of(
                condition(previous, READY, ready, ready ? "AllReplicasReady" : "Waiting",
                        ready ? "every workload is ready" : "waiting for " + String.join(", ", waiting), generation),
                condition(previous, PROGRESSING, !ready, ready ? "Complete" : recreated.isEmpty() ? "RollingOut"
                        : "RecreatingStatefulSet",
                        ready ? "nothing in progress" : "rolling out: " + String.join(", ", waiting), generation),
                condition(previous, DEGRADED, false, "AsExpected", "spec applied", generation));
        return status;
    }

    /** The spec cannot be applied, or applying it failed: Degraded says why; the rest is kept. */
    static LibraryStatus degraded(Library library, String reason, String message) {
        LibraryStatus status = new LibraryStatus();
        LibraryStatus before = library.getStatus();
        if (before != null) {
            status.gateway = before.gateway;
            status.authService = before.authService;
            status.bookService = before.bookService;
            status.bookServiceSelector = before.bookServiceSelector;
            status.gatewayUrl = before.gatewayUrl;
        }
        status.observedGeneration = library.getMetadata().getGeneration();
        List<Condition> previous = before == null ? List.of() : before.conditions;
        long generation = Objects.requireNonNullElse(library.getMetadata().getGeneration(), 0L);
        status.conditions = List.of(
                condition(previous, READY, false, reason, message, generation),
                condition(previous, PROGRESSING, false, reason, "nothing is applied until the spec is fixed", generation),
                condition(previous, DEGRADED, true, reason, message, generation));
        return status;
    }

    private static Condition condition(List<Condition> previous, String type, boolean value, String reason,
            String message, long generation) {
        String state = value ? "True" : "False";
        String since = previous.stream().filter(c -> type.equals(c.getType()) && state.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst()
                .orElse(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return new ConditionBuilder().withType(type).withStatus(state).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> find(List<T> list, String name) {
        return list.stream().filter(item -> name.equals(item.getMetadata().getName())).findFirst();
    }
}
