package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load/scale-out: its arguments, its refusal to run without a cluster, and the plan its --dry-run
 * prints (every kubectl, wrk and ./run command, "$ ..."). The measurement itself needs a cluster;
 * its local form's figures are in docs/scale-out.md.
 */
class ScaleOutScriptTest {

    private static final String SCRIPT = Script.HOME.resolve("load/scale-out").toString();

    @TempDir
    Path temp;

    private Path emptyKubeconfig;

    @BeforeEach
    void python() throws IOException {
        Script.require("python3", "Debian: apt-get install python3");
        emptyKubeconfig = Files.writeString(temp.resolve("kubeconfig"), "");
    }

    @Test
    void withoutAClusterItRefusesAndSaysWhy() throws Exception {
        Script.Result result = scaleOut();

        assertThat(result.exitCode()).isEqualTo(3);
        if (kubectlInstalled()) {
            assertThat(result.err()).contains("no cluster to scale", "current-context is not set",
                    "Point kubectl at a cluster");
        } else {
            assertThat(result.err()).contains("kubectl is not installed");
        }
        assertThat(result.out()).doesNotContain("scale library/");
    }

    @Test
    void aDryRunScalesBookServiceToEachCountInTurnThenPutsItBack() throws Exception {
        Script.Result result = scaleOut("--dry-run", "--replicas", "1,2,3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> commands = result.lines("$ ");
        List<String> scaling = commands.stream().filter(command -> command.contains(" scale library/library")).toList();
        assertThat(scaling).containsExactly(
                "kubectl --namespace library scale library/library --replicas=1",
                "kubectl --namespace library scale library/library --replicas=2",
                "kubectl --namespace library scale library/library --replicas=3",
                "kubectl --namespace library scale library/library --replicas=1"); // back to the recorded count
        assertThat(commands.indexOf(scaling.get(0))).isGreaterThan(indexOf(commands, "wrk "));  // the baseline first
        for (int replicas = 1; replicas <= 3; replicas++) {
            int scaled = commands.indexOf(scaling.get(replicas - 1));
            List<String> after = commands.subList(scaled + 1, commands.size());
            assertThat(after.get(0)).as("waits for ready pods after scaling to %d", replicas)
                    .contains("get pods -l app.kubernetes.io/name=book-service,app.kubernetes.io/instance=library");
            assertThat(after.get(1)).as("warm-up load while waiting for every pod to take traffic").startsWith("wrk ").endsWith("&");
            assertThat(after.subList(2, 2 + 2 * replicas))
                    .as("each pod's request count, until all take traffic, then right before measuring")
                    .allMatch(command -> command.contains("get --raw") && command.contains(":9082/proxy/actuator/prometheus"));
            assertThat(after.get(2 + 2 * replicas)).as("the measured run").startsWith("wrk ").doesNotEndWith("&");
        }
        assertThat(result.out()).contains("--subresource=scale", "(dry run: no figures)");
    }

    @Test
    void wrkGetsTheTokenFromItsEnvironmentNeverItsCommandLine() throws Exception {
        List<String> wrk = scaleOut("--dry-run", "--url", "https://library.example.org").lines("$ ").stream()
                .filter(command -> command.startsWith("wrk ")).toList();

        assertThat(wrk).isNotEmpty().allSatisfy(command -> assertThat(command)
                .contains("-s " + Script.HOME.resolve("load/wrk-token.lua"),
                        "https://library.example.org/api/books?page=3&size=20")
                .doesNotContain("Authorization", "Bearer", "-H"));
    }

    @Test
    void gatewayReplicasAreSetInTheLibrarySpecBeforeTheBaselineAndRestoredAfter() throws Exception {
        List<String> commands = scaleOut("--dry-run", "--gateway-replicas", "2", "--replicas", "2").lines("$ ");

        String patch = "kubectl --namespace library patch library/library --type merge -p '{\"spec\": {\"gateway\": {\"replicas\": 2}}}'";
        assertThat(commands).contains(patch);
        assertThat(commands.indexOf(patch)).isLessThan(indexOf(commands, "wrk "));
        assertThat(commands.get(commands.size() - 1)).contains("patch library/library").contains("\"replicas\": 1");
    }

    @Test
    void theLocalFormStartsTheStackWithEachNumberOfInstancesAndReadsEachInstancesCount() throws Exception {
        Script.Result result = scaleOut("--local", "--dry-run", "--instances", "1,2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.lines("$ ")).filteredOn(command -> command.contains("/run --data-dir"))
                .satisfiesExactly(command -> assertThat(command).contains("--book-service-instances 1 "),
                        command -> assertThat(command).contains("--book-service-instances 2 "));
        assertThat(result.out()).contains("http://127.0.0.1:9082/actuator/prometheus", "http://127.0.0.1:9182/actuator/prometheus");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() throws Exception {
        assertRefused(List.of("--replicas", "0"), "--replicas must each be from 1 to 20");
        assertRefused(List.of("--replicas", "one,two"), "--replicas takes numbers separated by commas");
        assertRefused(List.of("--namespace", "Library_NS"), "--namespace must be a Kubernetes name");
        assertRefused(List.of("--url", "library.example.org"), "--url must be an http:// or https:// URL");
        assertRefused(List.of("--connections", "0"), "--connections must be at least 1");
        assertRefused(List.of("--local", "--url", "http://x"), "--local measures ./run on this machine");
        assertRefused(List.of("--local", "--instances", "5"), "--instances must each be from 1 to 4");
    }

    private void assertRefused(List<String> arguments, String message) throws Exception {
        Script.Result result = scaleOut(arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as("exit code for %s", arguments).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).as("nothing ran for %s", arguments).isEmpty();
    }

    private Script.Result scaleOut(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 2];
        command[0] = "python3";
        command[1] = SCRIPT;
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return Script.run(Map.of("KUBECONFIG", emptyKubeconfig.toString()), command);
    }

    private static boolean kubectlInstalled() {
        return dev.library.stores.embedded.RequiredTools.onPath("kubectl").isPresent();
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starts with " + prefix + " in " + commands);
    }
}
