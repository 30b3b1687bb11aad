package dev.library.operator;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;

/** Creating and changing a Library on the mock API server, as every operator test that runs the operator does. */
final class TestLibraries {

    /** A conflicting write (the operator patched the status meanwhile) is tried again this often. */
    private static final int EDIT_ATTEMPTS = 5;

    private TestLibraries() {
    }

    /**
     * Creates the Library and waits for the operator's first conditions. Tests then change the
     * Library: the mock server stores "status": null when a Library without status is patched, and then
     * never answers JOSDK's JSON patch of the status (a real API server has neither quirk), so a slow
     * first reconcile must not lose that race. Conditions, not a non-null status: a Library read back
     * always has one, from initStatus().
     */
    static Library create(KubernetesClient client, String namespace, String name, Duration wait,
            Consumer<LibrarySpec> spec) {
        Library library = new Library();
        library.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        library.setSpec(new LibrarySpec());
        spec.accept(library.getSpec());
        Library created = client.resource(library).create();
        await().atMost(wait).until(() -> !client.resources(Library.class).inNamespace(namespace).withName(name).get()
                .getStatus().conditions.isEmpty());
        return created;
    }

    /** Changes the Library's spec, again on a conflict. */
    static void edit(KubernetesClient client, String namespace, String name, Consumer<LibrarySpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(Library.class).inNamespace(namespace).withName(name).edit(library -> {
                    change.accept(library.getSpec());
                    return library;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == EDIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
