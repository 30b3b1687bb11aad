package dev.library.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.library.operator.resource.Library;

/**
 * Events on a Library through the events API (events.k8s.io/v1), so {@code kubectl describe lib}
 * and {@code kubectl events} show what the operator did: Created, Updated (a new generation
 * applied) and Degraded (Warning). The same event again within {@link #SERIES_WINDOW} patches the
 * first one's series count instead of creating another, as the API's own recorders do. An event
 * that cannot be written is logged, never a reason for a reconcile to fail.
 */
public final class LibraryEvents {

    public static final String CONTROLLER = "library.dev/operator";
    static final Duration SERIES_WINDOW = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LibraryEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final Map<String, Recorded> recent = new ConcurrentHashMap<>();

    private record Recorded(String name, String namespace, int count, Instant first) {
    }

    public LibraryEvents(KubernetesClient client, Clock clock, String instance) {
        this.client = client;
        this.clock = clock;
        this.instance = instance;
    }

    void normal(Library library, String reason, String action, String note) {
        emit(library, "Normal", reason, action, note);
    }

    void warning(Library library, String reason, String action, String note) {
        emit(library, "Warning", reason, action, note);
    }

    private void emit(Library library, String type, String reason, String action, String note) {
        String namespace = library.getMetadata().getNamespace();
        String key = library.getMetadata().getUid() + "/" + type + "/" + reason + "/" + note;
        Instant now = clock.instant();
        MicroTime time = new MicroTime(now.toString());
        try {
            Recorded previous = recent.get(key);
            if (previous != null && Duration.between(previous.first(), now).compareTo(SERIES_WINDOW) < 0) {
                int count = previous.count() + 1;
                // A merge patch of just the series (no read first: RBAC grants create and patch only).
                Event series = new EventBuilder().withNewMetadata().withName(previous.name())
                        .withNamespace(previous.namespace()).endMetadata()
                        .withNewSeries().withCount(count).withLastObservedTime(time).endSeries().build();
                client.events().v1().events().inNamespace(previous.namespace()).resource(series)
                        .patch(PatchContext.of(PatchType.JSON_MERGE));
                recent.put(key, new Recorded(previous.name(), previous.namespace(), count, previous.first()));
                return;
            }
            String name = library.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            Event event = new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withEventTime(time).withType(type).withReason(reason).withAction(action)
                    .withNote(note.length() > 1024 ? note.substring(0, 1024) : note)
                    .withReportingController(CONTROLLER).withReportingInstance(instance)
                    .withRegarding(new ObjectReferenceBuilder().withApiVersion(library.getApiVersion())
                            .withKind(library.getKind()).withNamespace(namespace).withName(library.getMetadata().getName())
                            .withUid(library.getMetadata().getUid()).withResourceVersion(library.getMetadata().getResourceVersion())
                            .build())
                    .build();
            client.events().v1().events().inNamespace(namespace).resource(event).create();
            recent.values().removeIf(old -> Duration.between(old.first(), now).compareTo(SERIES_WINDOW) >= 0);
            recent.put(key, new Recorded(name, namespace, 1, now));
        } catch (RuntimeException e) {
            log.warn("Could not record a {} event {} on Library {}/{}: {}", type.toLowerCase(Locale.ROOT), reason, namespace,
                    library.getMetadata().getName(), e.getMessage());
        }
    }
}
