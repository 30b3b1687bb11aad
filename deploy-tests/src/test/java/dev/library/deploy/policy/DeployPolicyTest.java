package dev.library.deploy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.chart.Chart;

/** kube-score / kube-linter style rules over every rendering of the chart and of the operator. */
class DeployPolicyTest {

    static List<Manifests> subjects() {
        return DeploySubjects.all();
    }

    private static DeployPolicies policies(Manifests manifests) {
        return new DeployPolicies(manifests, Chart.NAMESPACE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyPodPassesTheRestrictedPodSecurityStandard(Manifests manifests) {
        assertThat(policies(manifests).restrictedPodSecurity()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void onlyNodeExporterRunsInAPrivilegedNamespace(Manifests manifests) {
        assertThat(policies(manifests).privilegedNamespacesHoldOnlyTheException()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyContainerHasRequestsAndLimits(Manifests manifests) {
        assertThat(policies(manifests).requestsAndLimits()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void longRunningContainersAreProbedOnPortsTheyDeclare(Manifests manifests) {
        assertThat(policies(manifests).probesOnDeclaredPorts()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void imagesArePinnedNeverLatest(Manifests manifests) {
        assertThat(policies(manifests).pinnedImages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void containersAreReadOnlyNonRootWithoutEscalationOrCapabilities(Manifests manifests) {
        assertThat(policies(manifests).lockedDownContainers()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void controllerSelectorsMatchTheirPods(Manifests manifests) {
        assertThat(policies(manifests).selectorsMatchTheirPods()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void servicesSelectPodsThatDeclareTheirTargetPorts(Manifests manifests) {
        assertThat(policies(manifests).servicesSelectPods()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void disruptionBudgetsAllowOneEviction(Manifests manifests) {
        assertThat(policies(manifests).disruptionBudgetsAllowOneEviction()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyPodIsSelectedByANetworkPolicy(Manifests manifests) {
        assertThat(policies(manifests).networkPoliciesSelectEveryPod()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void rbacHasNoWildcards(Manifests manifests) {
        assertThat(policies(manifests).rbacWithoutWildcards()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void noObjectHasAnUnknownField(Manifests manifests) {
        assertThat(manifests.objects().stream().flatMap(object -> ModelWalk.unknownFields(object).stream()
                .map(field -> Manifests.describe(object) + ": unknown field " + field))).isEmpty();
    }
}
