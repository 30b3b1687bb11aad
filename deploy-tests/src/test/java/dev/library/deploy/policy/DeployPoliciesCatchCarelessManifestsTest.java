package dev.library.deploy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.library.deploy.Manifests;

/** Each policy reports the mistake it is about, on objects that make every mistake once. */
class DeployPoliciesCatchCarelessManifestsTest {

    private final Manifests careless = load();
    private final DeployPolicies policies = new DeployPolicies(careless, "library");

    @Test
    void hostAccessAndPrivilegeBreakTheRestrictedStandard() {
        assertThat(policies.restrictedPodSecurity()).anyMatch(v -> v.contains("shares the host's network"))
                .anyMatch(v -> v.contains("volume host is of type hostPath")).anyMatch(v -> v.contains("is privileged"))
                .anyMatch(v -> v.contains("must drop ALL capabilities")).anyMatch(v -> v.contains("no seccomp profile"));
    }

    @Test
    void theApplicationNamespaceMayNotBePrivileged() {
        assertThat(policies.privilegedNamespacesHoldOnlyTheException())
                .contains("namespace library is labelled privileged");
    }

    @Test
    void missingResourcesProbesAndPinsAreReported() {
        assertThat(policies.requestsAndLimits()).singleElement().asString()
                .contains("requests.cpu, limits.cpu, requests.memory, limits.memory");
        assertThat(policies.probesOnDeclaredPorts()).anyMatch(v -> v.contains("no liveness probe"))
                .anyMatch(v -> v.contains("probes port 9999"));
        assertThat(policies.pinnedImages()).singleElement().asString().contains("uses the latest tag");
    }

    @Test
    void aWritableOrRootContainerIsReported() {
        assertThat(policies.lockedDownContainers()).anyMatch(v -> v.contains("root filesystem is writable"))
                .anyMatch(v -> v.contains("may run as root")).anyMatch(v -> v.contains("allows privilege escalation"));
    }

    @Test
    void selectorsServicesBudgetsAndNetworkPoliciesAreChecked() {
        assertThat(policies.selectorsMatchTheirPods()).singleElement().asString().contains("does not match");
        assertThat(policies.servicesSelectPods()).singleElement().asString().contains("selects no pods");
        assertThat(policies.disruptionBudgetsAllowOneEviction()).singleElement().asString()
                .contains("allows no eviction of its 1 pod(s)");
        assertThat(policies.networkPoliciesSelectEveryPod()).singleElement().asString()
                .contains("selected by no NetworkPolicy");
    }

    @Test
    void wildcardsInRbacAreReported() {
        assertThat(policies.rbacWithoutWildcards()).singleElement().asString().contains("wildcard");
    }

    @Test
    void aMisspelledFieldIsFound() {
        assertThat(careless.objects().get(0)).satisfies(deployment -> assertThat(ModelWalk.unknownFields(deployment))
                .containsExactly("spec.template.spec.containers[0].readinessProbe2"));
    }

    private static Manifests load() {
        try (var in = DeployPoliciesCatchCarelessManifestsTest.class.getResourceAsStream("/careless-manifests.yaml")) {
            return Manifests.parse("careless", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
