package dev.library.operator.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * Longest name of an object the operator makes: a StatefulSet's pods carry the label
     * controller-revision-hash = name + "-" + 10 characters, and a label value has at most 63.
     */
    public static final int MAX_NAME = 52;
    /** A label value: at most 63 characters, alphanumeric at both ends, - _ . inside (or empty). */
    public static final int MAX_LABEL_VALUE = 63;
    private static final Pattern NOT_ALPHANUMERIC_AT_ENDS = Pattern.compile("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$");
    private static final Pattern NOT_LABEL_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final int NAME_HASH_LENGTH = 6;

    private final Library library;

    Meta(Library library) {
        this.library = library;
    }

    String name(Part part) {
        return name(part.id());
    }

    /**
     * {@code <library>-<suffix>}, or, when that is longer than {@link #MAX_NAME}, the Library's name
     * cut short with a hash of it in between, so two long names never share objects.
     */
    String name(String suffix) {
        return name(library.getMetadata().getName(), suffix);
    }

    static String name(String libraryName, String suffix) {
        String name = libraryName + "-" + suffix;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = sha256Hex(libraryName).substring(0, NAME_HASH_LENGTH);
        String head = libraryName.substring(0, MAX_NAME - suffix.length() - hash.length() - 2).replaceAll("[-.]+$", "");
        return head + "-" + hash + "-" + suffix;
    }

    /**
     * The app.kubernetes.io/version of an image reference: its tag (never a digest, which is 71
     * characters), made a valid label value; empty when the reference has no tag.
     */
    static String version(String image) {
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = reference.lastIndexOf(':');
        String tag = colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "";
        return labelValue(tag);
    }

    /** Any text as a valid label value: allowed characters only, at most 63, alphanumeric ends. */
    static String labelValue(String text) {
        String value = NOT_LABEL_CHARACTERS.matcher(text == null ? "" : text).replaceAll("-");
        value = value.length() > MAX_LABEL_VALUE ? value.substring(0, MAX_LABEL_VALUE) : value;
        return NOT_ALPHANUMERIC_AT_ENDS.matcher(value).replaceAll("");
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

    /** The standard labels; the version is left out when it is empty (an image pinned by digest only). */
    Map<String, String> labels(Part part, String role, String version) {
        Map<String, String> labels = stableLabels(part, role);
        String value = labelValue(version);
        if (!value.isEmpty()) {
            labels.put(VERSION, value);
        }
        return labels;
    }

    /**
     * Labels that never change for a part: no version. A StatefulSet's volumeClaimTemplates are
     * immutable, so their labels must not follow the image.
     */
    Map<String, String> stableLabels(Part part, String role) {
        Map<String, String> labels = selector(part);
        labels.put(COMPONENT, role);
        labels.put(PART_OF, SYSTEM);
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

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    OwnerReference ownerReference() {
        String uid = library.getMetadata().getUid();
        return new OwnerReferenceBuilder().withApiVersion(library.getApiVersion()).withKind(library.getKind())
                .withName(library.getMetadata().getName()).withUid(uid == null ? UID_UNKNOWN : uid)
                .withController(true).withBlockOwnerDeletion(false).build();
    }
}
