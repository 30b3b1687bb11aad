package dev.library.operator.apiserver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * Kubernetes' RBAC authorizer over a set of manifests, for one ServiceAccount: the rules of every
 * Role bound to it by a RoleBinding (valid in that binding's namespace), and of every ClusterRole
 * bound by a ClusterRoleBinding (everywhere) or a RoleBinding (in its namespace). A rule grants a
 * request when its apiGroups, resources (resource/subresource), verbs and resourceNames match;
 * resourceNames never match a create or a list/watch (the object has no name yet, or many), as on
 * a real API server. A server-side apply needs patch, and create when it makes the object: both
 * are required of every apply here (the operator's first apply of each object creates it), except
 * on a subresource such as status (its object exists).
 */
public final class Rbac {

    /** One rule that applies, and where. */
    public record Grant(String namespace, PolicyRule rule, String from) {
    }

    private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");
    private final List<Grant> grants;

    private Rbac(List<Grant> grants) {
        this.grants = grants;
    }

    public static Rbac forServiceAccount(Collection<? extends HasMetadata> objects, String namespace, String serviceAccount) {
        List<Grant> grants = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof RoleBinding binding && names(binding.getSubjects(), namespace, serviceAccount, binding)) {
                String where = Objects.requireNonNullElse(binding.getMetadata().getNamespace(), namespace);
                rulesOf(objects, binding.getRoleRef(), where).forEach(rule -> grants.add(new Grant(where, rule,
                        "RoleBinding " + binding.getMetadata().getName())));
            } else if (object instanceof ClusterRoleBinding binding && names(binding.getSubjects(), namespace, serviceAccount, null)) {
                rulesOf(objects, binding.getRoleRef(), null).forEach(rule -> grants.add(new Grant(null, rule,
                        "ClusterRoleBinding " + binding.getMetadata().getName())));
            }
        }
        return new Rbac(grants);
    }

    private static boolean names(List<Subject> subjects, String namespace, String serviceAccount, RoleBinding binding) {
        return subjects != null && subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && serviceAccount.equals(subject.getName()) && namespace.equals(subject.getNamespace()));
    }

    private static List<PolicyRule> rulesOf(Collection<? extends HasMetadata> objects, RoleRef ref, String bindingNamespace) {
        List<PolicyRule> rules = new ArrayList<>();
        for (HasMetadata object : objects) {
            if ("Role".equals(ref.getKind()) && object instanceof Role role && role.getMetadata().getName().equals(ref.getName())
                    && Objects.equals(Objects.requireNonNullElse(role.getMetadata().getNamespace(), bindingNamespace),
                            bindingNamespace)) {
                rules.addAll(role.getRules());
            }
            if ("ClusterRole".equals(ref.getKind()) && object instanceof ClusterRole role
                    && role.getMetadata().getName().equals(ref.getName())) {
                rules.addAll(role.getRules());
            }
        }
        return rules;
    }

    /** The rules that apply in a namespace (what a SelfSubjectRulesReview answers). */
    public List<PolicyRule> rulesIn(String namespace) {
        return grants.stream().filter(grant -> grant.namespace() == null || grant.namespace().equals(namespace))
                .map(Grant::rule).toList();
    }

    public boolean grantsAny() {
        return !grants.isEmpty();
    }

    /** Whether every verb the request needs is granted (an apply: patch and create). */
    public boolean allows(ApiRequest request) {
        if (request.isNonResource()) {
            return true; // discovery: granted to every authenticated user (system:discovery)
        }
        if ("authorization.k8s.io".equals(request.group()) && request.verb().equals("create")
                && SELF_REVIEWS.contains(request.resource())) {
            return true; // "what may I do": granted to every authenticated user (system:basic-user)
        }
        if (!allows(request, request.verb())) {
            return false;
        }
        return !request.isApply() || request.subresource() != null || allows(request, "create");
    }

    private boolean allows(ApiRequest request, String verb) {
        return grants.stream().anyMatch(grant -> matches(grant, request, verb));
    }

    private static boolean matches(Grant grant, ApiRequest request, String verb) {
        PolicyRule rule = grant.rule();
        if (grant.namespace() != null && !grant.namespace().equals(request.namespace())) {
            return false;
        }
        boolean group = rule.getApiGroups().contains(request.group()) || rule.getApiGroups().contains("*");
        boolean resource = rule.getResources().contains(request.resourcePath()) || rule.getResources().contains("*");
        boolean verbs = rule.getVerbs().contains(verb) || rule.getVerbs().contains("*");
        List<String> names = rule.getResourceNames();
        boolean name = names == null || names.isEmpty()
                || (request.name() != null && !verb.equals("create") && names.contains(request.name()));
        return group && resource && verbs && name;
    }

    /** Granted (group, resource, verb) triples that none of the requests used: candidates for removal. */
    public Set<String> unused(Collection<ApiRequest> requests) {
        Set<String> unused = new LinkedHashSet<>();
        for (Grant grant : grants) {
            for (String group : grant.rule().getApiGroups()) {
                for (String resource : grant.rule().getResources()) {
                    for (String verb : grant.rule().getVerbs()) {
                        boolean used = requests.stream().anyMatch(r -> !r.isNonResource()
                                && group.equals(r.group()) && resource.equals(r.resourcePath())
                                && (verb.equals(r.verb()) || (verb.equals("create") && r.isApply())));
                        if (!used) {
                            unused.add(verb + " " + (group.isEmpty() ? "core" : group) + " " + resource
                                    + " (" + grant.from() + ")");
                        }
                    }
                }
            }
        }
        return unused;
    }
}
