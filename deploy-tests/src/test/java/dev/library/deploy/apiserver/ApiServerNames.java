package dev.library.deploy.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's rules for names and labels (k8s.io/apimachinery validation), which the mock
 * server and the schemas do not check: every object name by its kind's rule, label keys and
 * values (objects, pod templates, selectors), container, volume and port names.
 */
public final class ApiServerNames {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS_LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_LABEL = 63;
    private static final int MAX_SUBDOMAIN = 253;
    /** A StatefulSet's pods carry controller-revision-hash = name + "-" + up to 10 characters (a label value). */
    private static final int MAX_STATEFULSET_NAME = 52;
    /** Kinds whose names are DNS-1035 labels (Services) or DNS-1123 labels (Namespaces); the rest are subdomains. */
    private static final Set<String> DNS1035_KINDS = Set.of("Service");
    private static final Set<String> DNS1123_LABEL_KINDS = Set.of("Namespace");
    /** RBAC objects' names only need to be path segments. */
    private static final Set<String> PATH_SEGMENT_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private ApiServerNames() {
    }

    /** Every problem the API server would answer with 422 Invalid for these objects (as plain maps). */
    public static List<String> problems(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String kind = String.valueOf(object.get("kind"));
            Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
            String name = metadata == null ? null : (String) metadata.get("name");
            String where = kind + " " + name;
            nameProblem(kind, name).ifPresent(problem -> problems.add(where + ": " + problem));
            if (metadata != null && metadata.get("namespace") instanceof String namespace && !isDns1123Label(namespace)) {
                problems.add(where + ": namespace '" + namespace + "' is not a DNS-1123 label");
            }
            walk(object, "", where, problems);
        }
        return problems;
    }

    static java.util.Optional<String> nameProblem(String kind, String name) {
        if (name == null || name.isEmpty()) {
            return java.util.Optional.of("no metadata.name");
        }
        if (DNS1035_KINDS.contains(kind)) {
            return isDns1035Label(name) ? java.util.Optional.empty()
                    : java.util.Optional.of("name '" + name + "' is not a DNS-1035 label (a-z0-9-, a letter first, at most 63)");
        }
        if (DNS1123_LABEL_KINDS.contains(kind)) {
            return isDns1123Label(name) ? java.util.Optional.empty()
                    : java.util.Optional.of("name '" + name + "' is not a DNS-1123 label (at most 63)");
        }
        if (PATH_SEGMENT_KINDS.contains(kind)) {
            return name.contains("/") || name.contains("%") || name.equals(".") || name.equals("..")
                    ? java.util.Optional.of("name '" + name + "' is not a path segment") : java.util.Optional.empty();
        }
        if (!isDns1123Subdomain(name)) {
            return java.util.Optional.of("name '" + name + "' is not a DNS-1123 subdomain (at most 253)");
        }
        if (kind.equals("StatefulSet") && name.length() > MAX_STATEFULSET_NAME) {
            return java.util.Optional.of("name '" + name + "' is longer than " + MAX_STATEFULSET_NAME
                    + " (its pods' controller-revision-hash label would exceed 63)");
        }
        return java.util.Optional.empty();
    }

    /** Labels, selectors, containers, volumes and ports anywhere in the object. */
    private static void walk(Object node, String path, String where, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String at = path + "." + key;
                Object value = entry.getValue();
                // A Service's selector is a plain label map; a workload's holds matchLabels.
                boolean plainSelector = key.equals("selector") && value instanceof Map<?, ?> selector
                        && selector.values().stream().allMatch(String.class::isInstance);
                if ((key.equals("labels") || key.equals("matchLabels") || plainSelector) && value instanceof Map<?, ?> labels) {
                    labels.forEach((labelKey, labelValue) -> {
                        labelKeyProblem(String.valueOf(labelKey)).ifPresent(p -> problems.add(where + " " + at + ": " + p));
                        labelValueProblem(labelValue == null ? "" : String.valueOf(labelValue))
                                .ifPresent(p -> problems.add(where + " " + at + "." + labelKey + ": " + p));
                    });
                    continue;
                }
                if ((key.equals("containers") || key.equals("initContainers") || key.equals("volumes")) && value instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> named && named.get("name") instanceof String name && !isDns1123Label(name)) {
                            problems.add(where + " " + at + ": name '" + name + "' is not a DNS-1123 label");
                        }
                    }
                }
                if (key.equals("ports") && value instanceof List<?> ports) {
                    for (Object item : ports) {
                        if (!(item instanceof Map<?, ?> port && port.get("name") instanceof String name)) {
                            continue;
                        }
                        // A container's port names are IANA service names; a Service's, DNS-1123 labels.
                        boolean containerPort = port.containsKey("containerPort");
                        if (containerPort && (name.length() > 15 || !IANA_SVC_NAME.matcher(name).matches()
                                || !name.matches(".*[a-z].*") || name.contains("--"))) {
                            problems.add(where + " " + at + ": port name '" + name + "' is not an IANA service name (15 at most)");
                        } else if (!containerPort && !isDns1123Label(name)) {
                            problems.add(where + " " + at + ": port name '" + name + "' is not a DNS-1123 label");
                        }
                    }
                }
                walk(value, at, where, problems);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", where, problems);
            }
        }
    }

    static java.util.Optional<String> labelKeyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (!isDns1123Subdomain(prefix)) {
                return java.util.Optional.of("label key '" + key + "' has a prefix that is not a DNS subdomain");
            }
        }
        return name.length() <= MAX_LABEL && QUALIFIED_NAME.matcher(name).matches() ? java.util.Optional.empty()
                : java.util.Optional.of("label key '" + key + "' is not a qualified name");
    }

    public static java.util.Optional<String> labelValueProblem(String value) {
        return value.isEmpty() || (value.length() <= MAX_LABEL && QUALIFIED_NAME.matcher(value).matches())
                ? java.util.Optional.empty()
                : java.util.Optional.of("label value '" + value + "' (" + value.length()
                        + " characters) is not valid: at most 63, alphanumeric at both ends, - _ . inside");
    }

    static boolean isDns1123Label(String name) {
        return name.length() <= MAX_LABEL && DNS1123_LABEL.matcher(name).matches();
    }

    static boolean isDns1035Label(String name) {
        return name.length() <= MAX_LABEL && DNS1035_LABEL.matcher(name).matches();
    }

    static boolean isDns1123Subdomain(String name) {
        return name.length() <= MAX_SUBDOMAIN && DNS1123_SUBDOMAIN.matcher(name).matches();
    }
}
