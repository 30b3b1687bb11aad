package dev.library.deploy.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import dev.library.deploy.Manifests;

/**
 * kube-score / kube-linter style checks over a set of objects as they would be applied together
 * (the chart's rendering, or the operator's render of a Library): each method returns its
 * violations as sentences naming the object, so a failing test says what to fix.
 *
 * <p>The one exception: node-exporter needs the host (its network and /proc, /sys), which the
 * restricted profile forbids. It may run only in its own namespace, declared in the same set and
 * labelled for the privileged Pod Security Standard; nothing else may run there.
 */
public final class DeployPolicies {

    public static final String POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";
    public static final String HOST_ACCESS_EXCEPTION = "node-exporter";

    private final Manifests manifests;
    private final String defaultNamespace;

    public DeployPolicies(Manifests manifests, String defaultNamespace) {
        this.manifests = manifests;
        this.defaultNamespace = defaultNamespace;
    }

    public List<Workload> workloads() {
        return manifests.objects().stream().map(object -> Workload.of(object, defaultNamespace))
                .flatMap(Optional::stream).toList();
    }

    /** Namespaces this set declares with the privileged Pod Security Standard. */
    public Set<String> privilegedNamespaces() {
        return Set.copyOf(manifests.objects().stream().filter(Namespace.class::isInstance)
                .filter(namespace -> "privileged".equals(labels(namespace).get(POD_SECURITY_ENFORCE)))
                .map(namespace -> namespace.getMetadata().getName()).toList());
    }

    /** A workload exempt from the host-access rules: node-exporter, in its own privileged namespace. */
    public boolean hostAccessException(Workload workload) {
        return HOST_ACCESS_EXCEPTION.equals(workload.podLabels().get("app.kubernetes.io/name"))
                && privilegedNamespaces().contains(workload.namespace())
                && !workload.namespace().equals(defaultNamespace);
    }

    public List<String> restrictedPodSecurity() {
        return perWorkload(workload -> hostAccessException(workload) ? List.of()
                : RestrictedPodSecurity.violations(workload));
    }

    /** Only node-exporter may live in a privileged namespace; the application namespace is never privileged. */
    public List<String> privilegedNamespacesHoldOnlyTheException() {
        List<String> violations = new ArrayList<>();
        if (privilegedNamespaces().contains(defaultNamespace)) {
            violations.add("namespace " + defaultNamespace + " is labelled privileged");
        }
        workloads().stream().filter(workload -> privilegedNamespaces().contains(workload.namespace()))
                .filter(workload -> !hostAccessException(workload))
                .forEach(workload -> violations.add(workload.describe() + " runs in the privileged namespace "
                        + workload.namespace()));
        return violations;
    }

    public List<String> requestsAndLimits() {
        return perContainer((workload, container) -> {
            ResourceRequirements resources = Optional.ofNullable(container.getResources()).orElseGet(ResourceRequirements::new);
            List<String> missing = new ArrayList<>();
            for (String resource : List.of("cpu", "memory")) {
                if (resources.getRequests() == null || !resources.getRequests().containsKey(resource)) {
                    missing.add("requests." + resource);
                }
                if (resources.getLimits() == null || !resources.getLimits().containsKey(resource)) {
                    missing.add("limits." + resource);
                }
            }
            return missing.isEmpty() ? List.of() : List.of("has no " + String.join(", ", missing));
        });
    }

    /** Long-running containers have readiness and liveness probes, on ports the container declares. */
    public List<String> probesOnDeclaredPorts() {
        return perContainer((workload, container) -> {
            if (!workload.longRunning()) {
                return List.of();
            }
            List<String> violations = new ArrayList<>();
            if (container.getReadinessProbe() == null) {
                violations.add("has no readiness probe");
            }
            if (container.getLivenessProbe() == null) {
                violations.add("has no liveness probe");
            }
            Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())
                    .filter(Objects::nonNull).map(DeployPolicies::probePort).filter(Objects::nonNull)
                    .filter(port -> !declares(container, port))
                    .forEach(port -> violations.add("probes port " + port.getValue() + ", which it does not declare"));
            return violations;
        });
    }

    public List<String> pinnedImages() {
        return perContainer((workload, container) -> {
            String image = container.getImage();
            String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
            if (image.contains("@sha256:")) {
                return List.of();
            }
            if (!afterRegistry.contains(":")) {
                return List.of("image " + image + " has no tag");
            }
            return afterRegistry.endsWith(":latest") ? List.of("image " + image + " uses the latest tag") : List.of();
        });
    }

    /** Read-only root, non-root, no privilege escalation, every capability dropped (also for the exception). */
    public List<String> lockedDownContainers() {
        return perContainer((workload, container) -> {
            SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
            List<String> violations = new ArrayList<>();
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                violations.add("root filesystem is writable");
            }
            boolean podNonRoot = workload.spec().getSecurityContext() != null
                    && Boolean.TRUE.equals(workload.spec().getSecurityContext().getRunAsNonRoot());
            if (!Boolean.TRUE.equals(context.getRunAsNonRoot()) && !(context.getRunAsNonRoot() == null && podNonRoot)) {
                violations.add("may run as root");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add("allows privilege escalation");
            }
            if (context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                    || !context.getCapabilities().getDrop().contains("ALL")) {
                violations.add("keeps capabilities (drop ALL)");
            }
            return violations;
        });
    }

    /** A controller's selector is not empty and matches its own pod template. */
    public List<String> selectorsMatchTheirPods() {
        return perWorkload(workload -> {
            if (workload.selector() == null) {
                return List.of();
            }
            if (Selectors.isEmpty(workload.selector())) {
                return List.of("has an empty selector");
            }
            return Selectors.matches(workload.selector(), workload.podLabels()) ? List.of()
                    : List.of("selector " + workload.selector().getMatchLabels() + " does not match its pods' labels "
                            + workload.podLabels());
        });
    }

    /** Every Service selects pods of this set, and its target ports exist on them. */
    public List<String> servicesSelectPods() {
        List<String> violations = new ArrayList<>();
        for (Service service : ofKind(Service.class)) {
            List<Workload> selected = workloads().stream().filter(workload -> workload.longRunning())
                    .filter(workload -> workload.namespace().equals(namespace(service)))
                    .filter(workload -> Selectors.matches(service.getSpec().getSelector(), workload.podLabels())).toList();
            if (selected.isEmpty()) {
                violations.add(Manifests.describe(service) + " selects no pods (selector "
                        + service.getSpec().getSelector() + ")");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                for (Workload workload : selected) {
                    boolean declared = workload.spec().getContainers().stream().anyMatch(c -> declares(c, target));
                    if (!declared) {
                        violations.add(Manifests.describe(service) + " targets port " + target.getValue()
                                + ", which " + workload.describe() + " does not declare");
                    }
                }
            }
        }
        return violations;
    }

    /** Every PodDisruptionBudget selects pods and lets at least one of them be evicted. */
    public List<String> disruptionBudgetsAllowOneEviction() {
        List<String> violations = new ArrayList<>();
        for (PodDisruptionBudget budget : ofKind(PodDisruptionBudget.class)) {
            List<Workload> selected = workloads().stream()
                    .filter(workload -> workload.namespace().equals(namespace(budget)))
                    .filter(workload -> Selectors.matches(budget.getSpec().getSelector(), workload.podLabels())).toList();
            String name = Manifests.describe(budget);
            if (selected.isEmpty()) {
                violations.add(name + " selects no pods");
                continue;
            }
            int replicas = selected.stream().mapToInt(Workload::replicas).sum();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            int allowed = maxUnavailable != null ? absolute(maxUnavailable, replicas, false)
                    : minAvailable != null ? replicas - absolute(minAvailable, replicas, true) : 0;
            if (allowed < 1) {
                violations.add(name + " allows no eviction of its " + replicas + " pod(s)");
            }
        }
        return violations;
    }

    /** Every pod is selected by a NetworkPolicy of its namespace (host-network pods are beyond their reach). */
    public List<String> networkPoliciesSelectEveryPod() {
        List<NetworkPolicy> policies = ofKind(NetworkPolicy.class);
        return perWorkload(workload -> {
            if (Boolean.TRUE.equals(workload.spec().getHostNetwork()) && hostAccessException(workload)) {
                return List.of();
            }
            boolean selected = policies.stream().filter(policy -> namespace(policy).equals(workload.namespace()))
                    .anyMatch(policy -> Selectors.matches(policy.getSpec().getPodSelector(), workload.podLabels()));
            return selected ? List.of() : List.of("is selected by no NetworkPolicy");
        });
    }

    /** RBAC names exact API groups, resources and verbs, and binds nobody to cluster-admin. */
    public List<String> rbacWithoutWildcards() {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : manifests.objects()) {
            List<PolicyRule> rules = object instanceof Role role ? role.getRules()
                    : object instanceof ClusterRole clusterRole ? clusterRole.getRules() : List.of();
            for (PolicyRule rule : Optional.ofNullable(rules).orElse(List.of())) {
                Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getNonResourceURLs())
                        .filter(Objects::nonNull).flatMap(List::stream).filter(entry -> entry.contains("*"))
                        .findFirst().ifPresent(wildcard -> violations.add(Manifests.describe(object)
                                + " has a wildcard in " + rule));
            }
            String roleName = object instanceof RoleBinding binding ? binding.getRoleRef().getName()
                    : object instanceof ClusterRoleBinding binding ? binding.getRoleRef().getName() : null;
            if (roleName != null && Set.of("cluster-admin", "admin", "edit").contains(roleName)) {
                violations.add(Manifests.describe(object) + " grants the built-in role " + roleName);
            }
        }
        return violations;
    }

    private static int absolute(IntOrString value, int replicas, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        double percent = Double.parseDouble(value.getStrVal().replace("%", "")) * replicas / 100;
        return (int) (roundUp ? Math.ceil(percent) : Math.floor(percent));
    }

    private static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        if (probe.getGrpc() != null) {
            return new IntOrString(probe.getGrpc().getPort());
        }
        return null; // an exec probe has no port
    }

    private static boolean declares(Container container, IntOrString port) {
        List<ContainerPort> ports = Optional.ofNullable(container.getPorts()).orElse(List.of());
        return port.getIntVal() != null
                ? ports.stream().anyMatch(declared -> port.getIntVal().equals(declared.getContainerPort()))
                : ports.stream().anyMatch(declared -> port.getStrVal().equals(declared.getName()));
    }

    private List<String> perWorkload(Function<Workload, List<String>> check) {
        return workloads().stream().flatMap(workload -> check.apply(workload).stream()
                .map(violation -> workload.describe() + ": " + violation)).toList();
    }

    private List<String> perContainer(java.util.function.BiFunction<Workload, Container, List<String>> check) {
        return workloads().stream().flatMap(workload -> Stream.of(workload.spec().getInitContainers(),
                workload.spec().getContainers()).filter(Objects::nonNull).flatMap(List::stream)
                .flatMap(container -> check.apply(workload, container).stream()
                        .map(violation -> workload.describe() + " container " + container.getName() + ": " + violation)))
                .toList();
    }

    private <T extends HasMetadata> List<T> ofKind(Class<T> kind) {
        return manifests.objects().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private String namespace(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getNamespace()).orElse(defaultNamespace);
    }

    private static Map<String, String> labels(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
    }
}
