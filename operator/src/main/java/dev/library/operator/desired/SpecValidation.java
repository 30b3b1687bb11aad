package dev.library.operator.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;

import dev.library.operator.resource.AutoscalingSpec;
import dev.library.operator.resource.ComponentSpec;
import dev.library.operator.resource.EnvVarSpec;
import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.ResourcesSpec;
import dev.library.operator.resource.SecretKeyRef;
import dev.library.operator.resource.StoreMode;

/**
 * Everything the CRD schema cannot say (or that a Library read from a file, without an API server,
 * may get wrong): quantities, requests above limits, autoscaling bounds, Secrets that must exist.
 * All problems are reported at once, so one fix round is enough.
 */
final class SpecValidation {

    private static final Pattern DURATION = Pattern.compile(dev.library.operator.resource.TokensSpec.DURATION);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MIN_JVM_PERCENT = ComponentSpec.MIN_JVM_MEMORY_PERCENT;
    private static final int MAX_JVM_PERCENT = ComponentSpec.MAX_JVM_MEMORY_PERCENT;

    private final List<String> problems = new ArrayList<>();

    static void check(Library library, ClusterState cluster) {
        SpecValidation validation = new SpecValidation();
        validation.name(library.getMetadata().getName());
        validation.checkSpec(library.getSpec(), cluster);
        if (!validation.problems.isEmpty()) {
            throw new InvalidSpecException(validation.problems);
        }
    }

    private void checkSpec(LibrarySpec spec, ClusterState cluster) {
        if (spec == null) {
            return;
        }
        component("gateway", spec.gateway);
        component("authService", spec.authService);
        component("bookService", spec.bookService);
        if (spec.mongodb != null) {
            if (spec.mongodb.mode == StoreMode.External) {
                secretKey("mongodb.uriSecret", spec.mongodb.uriSecret, "uri", cluster);
            } else {
                quantity("mongodb.size", spec.mongodb.size, true);
                resources("mongodb.resources", spec.mongodb.resources);
            }
        }
        if (spec.redis != null) {
            if (spec.redis.mode == StoreMode.External) {
                secretKey("redis.urlSecret", spec.redis.urlSecret, "url", cluster);
            } else {
                resources("redis.resources", spec.redis.resources);
            }
        }
        if (spec.tokens != null) {
            duration("tokens.accessTokenTtl", spec.tokens.accessTokenTtl);
            duration("tokens.refreshTokenTtl", spec.tokens.refreshTokenTtl);
            if (spec.tokens.adminSecret != null && !spec.tokens.adminSecret.isBlank()) {
                secretKey("tokens.adminSecret", new SecretKeyRef(spec.tokens.adminSecret, "username"), "username", cluster);
                secretKey("tokens.adminSecret", new SecretKeyRef(spec.tokens.adminSecret, "password"), "password", cluster);
            }
            if (spec.tokens.signingKeysSecret != null && !spec.tokens.signingKeysSecret.isBlank() && cluster.canCheckSecrets()) {
                boolean hasPem = cluster.secret(spec.tokens.signingKeysSecret)
                        .map(secret -> secret.getData() != null && secret.getData().keySet().stream().anyMatch(key -> key.endsWith(".pem")))
                        .orElse(false);
                if (!hasPem) {
                    problems.add("tokens.signingKeysSecret: Secret " + spec.tokens.signingKeysSecret
                            + " is missing or holds no *.pem key");
                }
            }
        }
        if (spec.ingress != null && Boolean.TRUE.equals(spec.ingress.enabled)
                && (spec.ingress.className == null || spec.ingress.className.isBlank())) {
            problems.add("ingress.className: must name an IngressClass when the ingress is enabled");
        }
        if (spec.ingress != null && Settings.notBlank(spec.ingress.tlsSecret) && !Settings.notBlank(spec.ingress.host)) {
            problems.add("ingress.tlsSecret: needs ingress.host (the certificate is served for that host)");
        }
    }

    /** The CRD's rule too: a render without an API server must not pass a name the cluster refuses. */
    private void name(String name) {
        if (name == null || name.length() > Library.MAX_NAME || !Pattern.matches(Library.NAME_PATTERN, name)) {
            problems.add("metadata.name: '" + name + "' is not a DNS-1035 label of at most " + Library.MAX_NAME
                    + " characters");
        }
    }

    private void component(String path, ComponentSpec component) {
        if (component == null) {
            return;
        }
        Integer replicas = component.replicas();
        if (replicas != null && (replicas < 1 || replicas > ComponentSpec.MAX_REPLICAS)) {
            problems.add(path + ".replicas: " + replicas + " is outside 1.." + ComponentSpec.MAX_REPLICAS);
        }
        AutoscalingSpec autoscaling = component.autoscaling;
        if (autoscaling != null) {
            if (autoscaling.maxReplicas == null) {
                problems.add(path + ".autoscaling.maxReplicas: required");
            } else if (autoscaling.minReplicas != null && autoscaling.minReplicas > autoscaling.maxReplicas) {
                problems.add(path + ".autoscaling: minReplicas " + autoscaling.minReplicas + " exceeds maxReplicas "
                        + autoscaling.maxReplicas);
            } else if (autoscaling.maxReplicas > ComponentSpec.MAX_REPLICAS) {
                problems.add(path + ".autoscaling.maxReplicas: " + autoscaling.maxReplicas + " exceeds "
                        + ComponentSpec.MAX_REPLICAS);
            }
            if (autoscaling.minReplicas != null && autoscaling.minReplicas < 1) {
                problems.add(path + ".autoscaling.minReplicas: must be at least 1");
            }
            if (autoscaling.targetCpuUtilization != null
                    && (autoscaling.targetCpuUtilization < 10 || autoscaling.targetCpuUtilization > 100)) {
                problems.add(path + ".autoscaling.targetCpuUtilization: " + autoscaling.targetCpuUtilization
                        + " is outside 10..100");
            }
        }
        if (component.jvmMemoryPercent != null
                && (component.jvmMemoryPercent < MIN_JVM_PERCENT || component.jvmMemoryPercent > MAX_JVM_PERCENT)) {
            problems.add(path + ".jvmMemoryPercent: " + component.jvmMemoryPercent + " is outside "
                    + MIN_JVM_PERCENT + ".." + MAX_JVM_PERCENT);
        }
        resources(path + ".resources", component.resources);
        if (component.resources != null && component.resources.limits != null && component.resources.limits.memory == null) {
            problems.add(path + ".resources.limits.memory: required (the JVM heap is a share of it)");
        }
        if (component.env != null) {
            for (EnvVarSpec env : component.env) {
                if (env == null || env.name == null || !ENV_NAME.matcher(env.name).matches()) {
                    problems.add(path + ".env: '" + (env == null ? null : env.name) + "' is not a variable name");
                }
            }
        }
    }

    private void resources(String path, ResourcesSpec resources) {
        if (resources == null) {
            return;
        }
        Quantity cpuRequest = resources.requests == null ? null : quantity(path + ".requests.cpu", resources.requests.cpu, false);
        Quantity memoryRequest = resources.requests == null ? null : quantity(path + ".requests.memory", resources.requests.memory, false);
        Quantity cpuLimit = resources.limits == null ? null : quantity(path + ".limits.cpu", resources.limits.cpu, false);
        Quantity memoryLimit = resources.limits == null ? null : quantity(path + ".limits.memory", resources.limits.memory, false);
        notAbove(path + ".requests.cpu", cpuRequest, cpuLimit);
        notAbove(path + ".requests.memory", memoryRequest, memoryLimit);
    }

    private void notAbove(String path, Quantity request, Quantity limit) {
        if (request != null && limit != null && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
            problems.add(path + ": " + request + " exceeds the limit " + limit);
        }
    }

    private Quantity quantity(String path, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(path + ": required");
            }
            return null;
        }
        try {
            Quantity quantity = new Quantity(value);
            if (quantity.getNumericalAmount().signum() <= 0) {
                problems.add(path + ": '" + value + "' must be positive");
                return null;
            }
            return quantity;
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(path + ": '" + value + "' is not a quantity (e.g. 500m, 1, 512Mi, 5Gi)");
            return null;
        }
    }

    private void duration(String path, String value) {
        if (value != null && !DURATION.matcher(value).matches()) {
            problems.add(path + ": '" + value + "' is not a duration (e.g. 15m, 12h, 7d)");
        }
    }

    private void secretKey(String path, SecretKeyRef ref, String defaultKey, ClusterState cluster) {
        if (ref == null || ref.name == null || ref.name.isBlank()) {
            problems.add(path + ": required in External mode (name of a Secret in this namespace)");
            return;
        }
        if (!cluster.canCheckSecrets()) {
            return;
        }
        String key = ref.key == null || ref.key.isBlank() ? defaultKey : ref.key;
        Secret secret = cluster.secret(ref.name).orElse(null);
        if (secret == null) {
            problems.add(path + ": Secret " + ref.name + " not found");
        } else if ((secret.getData() == null || !secret.getData().containsKey(key))
                && (secret.getStringData() == null || !secret.getStringData().containsKey(key))) {
            problems.add(path + ": Secret " + ref.name + " has no key " + key);
        }
    }
}
