package dev.library.operator.desired;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import dev.library.operator.resource.Library;

/** Names, labels and owner references of everything the operator makes for one Library. */
public final class Meta {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "library-operator";
    public static final String SYSTEM = "library";
    /** Informers watch only what carries this label. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;
    /** Render has no API server to assign a uid to the Library; its owner references say so. */
    public static final String UID_UNKNOWN = "00000000-0000-0000-0000-000000000000";

    private final Library library;

    Meta(Library library) {
        this.library = library;
    }

    String name(Part part) {
        return library.getMetadata().getName() + "-" + part.id();
    }

    String name(String suffix) {
        return library.getMetadata().getName() + "-" + suffix;
    }

    String namespace() {
        return library.getMetadata().getNamespace();
    }

    /** The labels selecting a part's pods: name and instance only, so they never change. */
    Map<String, String> selector(Part part) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, part.id());
        labels.put(INSTANCE, library.getMetadata().getName());
        return labels;
    }

    Map<String, String> labels(Part part, String role, String version) {
        Map<String, String> labels = selector(part);
        labels.put(COMPONENT, role);
        labels.put(PART_OF, SYSTEM);
        labels.put(VERSION, version);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    ObjectMeta object(String name, Part part, String role, String version) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace())
                .withLabels(labels(part, role, version)).withOwnerReferences(ownerReference()).build();
    }

    /** For objects that outlive the Library on purpose (no owner reference): who made them. */
    String generatedBy() {
        return MANAGER + " for Library " + namespace() + "/" + library.getMetadata().getName();
    }

    OwnerReference ownerReference() {
        String uid = library.getMetadata().getUid();
        return new OwnerReferenceBuilder().withApiVersion(library.getApiVersion()).withKind(library.getKind())
                .withName(library.getMetadata().getName()).withUid(uid == null ? UID_UNKNOWN : uid)
                .withController(true).withBlockOwnerDeletion(false).build();
    }
}
