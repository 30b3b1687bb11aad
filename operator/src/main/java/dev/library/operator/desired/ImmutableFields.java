package dev.library.operator.desired;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The fields the API server refuses to change on an existing object (an update touching one is
 * rejected as "Forbidden: updates to ... are forbidden"), and which of them differ between two
 * versions of one object. Only the fields the wanted version sets are compared: the API server fills
 * in defaults (a claim template's volumeMode, a Service's clusterIP) that a desired object leaves out.
 */
public final class ImmutableFields {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Kind -> the JSON paths the API server keeps as first created. */
    private static final Map<String, List<String>> BY_KIND = Map.of(
            "StatefulSet", List.of("/spec/selector", "/spec/serviceName", "/spec/volumeClaimTemplates",
                    "/spec/podManagementPolicy"),
            "Deployment", List.of("/spec/selector"),
            "DaemonSet", List.of("/spec/selector"),
            "ReplicaSet", List.of("/spec/selector"),
            "Job", List.of("/spec/selector", "/spec/template"),
            "Service", List.of("/spec/clusterIP", "/spec/clusterIPs", "/spec/type"),
            // A claim may only grow its storage request; everything else in its spec is fixed.
            "PersistentVolumeClaim", List.of("/spec/accessModes", "/spec/storageClassName", "/spec/volumeMode",
                    "/spec/volumeName", "/spec/selector", "/spec/dataSource"));

    private ImmutableFields() {
    }

    /** The immutable paths of a kind (empty for a kind whose fields may all change). */
    public static List<String> of(String kind) {
        return BY_KIND.getOrDefault(kind, List.of());
    }

    /**
     * The immutable fields that {@code wanted} sets and {@code existing} has differently: an update
     * from one to the other would be refused. Both must be the same kind.
     */
    public static List<String> changed(HasMetadata existing, HasMetadata wanted) {
        JsonNode have = SERIALIZATION.convertValue(existing, JsonNode.class);
        JsonNode want = SERIALIZATION.convertValue(wanted, JsonNode.class);
        List<String> changed = new ArrayList<>();
        for (String path : of(wanted.getKind())) {
            JsonNode wantedValue = want.at(path);
            if (!wantedValue.isMissingNode() && !wantedValue.isNull() && !contains(have.at(path), wantedValue)) {
                changed.add(path);
            }
        }
        return changed;
    }

    /** The API server writes quantities in canonical form (0.5Gi becomes 512Mi): compare amounts. */
    private static boolean sameQuantity(JsonNode actual, JsonNode wanted) {
        try {
            return actual.isValueNode() && wanted.isValueNode() && new Quantity(actual.asText()).getNumericalAmount()
                    .compareTo(new Quantity(wanted.asText()).getNumericalAmount()) == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Whether {@code actual} has every field {@code wanted} sets, with the same value (arrays element by element). */
    static boolean contains(JsonNode actual, JsonNode wanted) {
        if (wanted.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode have = actual.path(field.getKey());
                if (field.getValue().isNull() || (field.getKey().equals("storage") && sameQuantity(have, field.getValue()))) {
                    continue;
                }
                if (!contains(have, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!actual.isArray() || actual.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!contains(actual.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equals(actual) || (wanted.isValueNode() && actual.isValueNode() && wanted.asText().equals(actual.asText()));
    }
}
