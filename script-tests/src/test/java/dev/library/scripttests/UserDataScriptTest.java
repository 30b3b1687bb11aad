package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/ec2/user-data.sh, the EC2 first-boot script: shellcheck-clean, and its --dry-run plan (every
 * command it would run, "+ ...") has pinned versions, no secret on a command line and its steps in
 * order. It cannot be run for real here (no k3s, no network); docs/deploy-ec2-k3s.md says how it was
 * checked beyond this.
 */
class UserDataScriptTest {

    private static final Path SCRIPT = Script.HOME.resolve("k8s/ec2/user-data.sh");
    private static final Pattern PINNED = Pattern.compile("^(K3S_VERSION|HELM_VERSION)=\"([^\"]+)\"$", Pattern.MULTILINE);

    private static final String REGISTRY = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/library";
    private static final String TAG = "0.1.0-g0123456789ab";

    @TempDir
    Path temp;

    @Test
    void shellcheckFindsNothingInItOrInThePublishingScripts() throws Exception {
        Path shellcheck = Script.require("shellcheck", "Debian: apt-get install shellcheck");

        Script.Result result = Script.run(Map.of(), shellcheck.toString(), "--severity=style", "--external-sources",
                SCRIPT.toString(), Script.HOME.resolve("images/publish").toString(),
                Script.HOME.resolve("images/bundle").toString(), Script.HOME.resolve("images/release.sh").toString());

        assertThat(result.exitCode()).as("shellcheck says:%n%s", result.out()).isZero();
    }

    @Test
    void aDryRunChangesNothingAndPlansEveryStepInOrderNamingTheRegistryAndTheValuesFile() throws Exception {
        Script.Result result = dryRun(Map.of());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(temp.resolve("state")).as("the state directory of a dry run").doesNotExist();
        assertThat(result.out()).contains("registry " + REGISTRY + ", tag " + TAG, "values /etc/library/values.yaml");
        // Installing curl, tar, sha256sum or openssl comes first where one is missing (apt-get or dnf).
        List<String> commands = result.lines("+ ").stream()
                .filter(command -> !command.startsWith("env DEBIAN_FRONTEND=") && !command.startsWith("dnf ")).toList();
        assertThat(commands).satisfiesExactly(
                        command -> assertThat(command).isEqualTo("mkdir -p -m 0700 /etc/library"),
                        command -> assertThat(command).isEqualTo("write_file /etc/library/values.yaml"),
                        command -> assertThat(command).isEqualTo("write_file /var/lib/rancher/k3s/server/manifests/traefik-config.yaml"),
                        command -> assertThat(command).startsWith("mkdir -p"),
                        command -> assertThat(command).contains("k3s-install.sh").startsWith("curl"),
                        command -> assertThat(command).startsWith("env INSTALL_K3S_VERSION="),
                        command -> assertThat(command).startsWith("k3s kubectl wait --for=condition=Ready node"),
                        command -> assertThat(command).startsWith("mkdir -p"),
                        command -> assertThat(command).startsWith("curl").endsWith(".tar.gz"),
                        command -> assertThat(command).startsWith("curl").endsWith(".sha256sum"),
                        command -> assertThat(command).startsWith("verify_sha256"),
                        command -> assertThat(command).startsWith("tar -xzf"),
                        command -> assertThat(command).startsWith("install -m 0755").endsWith("/usr/local/bin/helm"),
                        command -> assertThat(command).isEqualTo("kubectl create namespace library"),
                        command -> assertThat(command).startsWith("kubectl label namespace library --overwrite"),
                        command -> assertThat(command).startsWith("mkdir -p -m 0700"),
                        command -> assertThat(command).startsWith("random_password >"),
                        command -> assertThat(command).startsWith("kubectl create secret generic library-grafana-admin"),
                        command -> assertThat(command).endsWith("/install-values.yaml").startsWith("write_file"),
                        command -> assertThat(command).startsWith("helm show crds oci://" + REGISTRY + "/charts/library --version " + TAG),
                        command -> assertThat(command).startsWith("kubectl apply --server-side"),
                        command -> assertThat(command).startsWith("helm upgrade --install library oci://" + REGISTRY
                                + "/charts/library --version " + TAG).endsWith("--values /etc/library/values.yaml --wait --timeout 15m"),
                        command -> assertThat(command).startsWith("kubectl wait --namespace library --for=condition=Ready library/library"),
                        command -> assertThat(command).startsWith("helm test library --namespace library"));
    }

    @Test
    void aDryRunOverABundlePlansAnInstallWithoutDownloads() throws Exception {
        Path bundle = temp.resolve("library-bundle.tar");
        Files.writeString(bundle, "stand-in");

        Script.Result result = dryRun(Map.of("LIBRARY_IMAGE_REGISTRY", "", "LIBRARY_IMAGE_TAG", "", "LIBRARY_CHART_VERSION", "",
                "LIBRARY_BUNDLE", bundle.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> commands = result.lines("+ ");
        assertThat(commands).noneMatch(command -> command.startsWith("curl") || command.contains("apt-get"));
        assertThat(commands).contains("tar -xf " + bundle + " -C " + temp.resolve("state/bundle"));
        assertThat(indexOf(commands, "cp " + temp.resolve("state/bundle/k3s/k3s-airgap-images-")))
                .isLessThan(indexOf(commands, "env INSTALL_K3S_SKIP_DOWNLOAD=true"));
        assertThat(indexOf(commands, "k3s ctr --namespace k8s.io images import"))
                .isLessThan(indexOf(commands, "k3s ctr --namespace k8s.io images label"))
                .isLessThan(indexOf(commands, "helm upgrade --install"));
    }

    @Test
    void k3sAndHelmComeAtThePinnedVersionsAndHelmIsCheckedBeforeUse() throws Exception {
        Map<String, String> pinned = pinnedVersions();
        String k3s = pinned.get("K3S_VERSION");
        String helm = pinned.get("HELM_VERSION");
        assertThat(k3s).matches("v\\d+\\.\\d+\\.\\d+\\+k3s\\d+");
        assertThat(helm).matches("v\\d+\\.\\d+\\.\\d+");

        List<String> commands = dryRun(Map.of()).lines("+ ");

        assertThat(commands).anyMatch(command -> command.startsWith("curl")
                && command.endsWith("https://raw.githubusercontent.com/k3s-io/k3s/" + k3s + "/install.sh"));
        assertThat(commands).anyMatch(command -> command.startsWith("env INSTALL_K3S_VERSION=" + k3s + " "));
        assertThat(commands).anyMatch(command -> command.endsWith("https://get.helm.sh/helm-" + helm + "-linux-amd64.tar.gz")
                || command.endsWith("https://get.helm.sh/helm-" + helm + "-linux-arm64.tar.gz"));
        assertThat(indexOf(commands, "verify_sha256")).isLessThan(indexOf(commands, "tar -xzf"));
        assertThat(commands).anyMatch(command -> command.startsWith("helm upgrade --install")
                && command.contains(" --version " + TAG));
        assertThat(commands).noneMatch(command -> command.contains("get.k3s.io") || command.contains("latest"));
    }

    @Test
    void noSecretAppearsOnACommandLine() throws Exception {
        String password = "s3cret-grafana-password-from-the-file";
        Path passwordFile = temp.resolve("grafana-admin-password");
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));

        Script.Result result = dryRun(Map.of("LIBRARY_GRAFANA_PASSWORD_FILE", passwordFile.toString()));

        assertThat(result.out()).doesNotContain(password);
        List<String> commands = result.lines("+ ");
        assertThat(commands).anyMatch(command -> command.contains("--from-file=admin-password=" + passwordFile));
        assertThat(commands).noneMatch(command -> command.contains("random_password")); // the file is kept
        for (String command : commands) {
            assertThat(command).doesNotContainPattern("(?i)--from-literal=[^ ]*(password|token|secret|key)=");
            Matcher set = Pattern.compile("--set(?:-string)? ([^= ]+)=").matcher(command);
            while (set.find()) {
                assertThat(set.group(1)).as("a value set on helm's command line")
                        .doesNotContainPattern("(?i)(password|token|secret)$");
            }
            assertThat(command).as("an environment variable carrying a secret")
                    .doesNotContainPattern("(^|\\s)[A-Z_]*(TOKEN|PASSWORD|SECRET)=\\S");
        }
    }

    @Test
    void onAConfiguredMachineItInstallsNothingAgainAndConvergesTheRelease() throws Exception {
        Map<String, String> pinned = pinnedVersions();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        // Stand-ins for an instance where a first run got through: k3s and helm at the pinned
        // versions, and kubectl finding the namespace and the Grafana Secret.
        executable(bin.resolve("k3s"), "[ \"$1\" = --version ] && echo 'k3s version " + pinned.get("K3S_VERSION")
                + " (0000000)'\nexit 0");
        executable(bin.resolve("helm"), "[ \"$1\" = version ] && echo '" + pinned.get("HELM_VERSION") + "+g0000000'\nexit 0");
        executable(bin.resolve("kubectl"), "exit 0");

        Script.Result result = dryRun(Map.of("PATH", bin + ":" + System.getenv("PATH")));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("k3s " + pinned.get("K3S_VERSION") + " is installed",
                "helm " + pinned.get("HELM_VERSION") + " is installed", "Secret library-grafana-admin exists: kept");
        assertThat(result.lines("+ ")).satisfiesExactly(
                command -> assertThat(command).startsWith("mkdir -p -m 0700"),
                command -> assertThat(command).startsWith("write_file").endsWith("values.yaml"),
                command -> assertThat(command).startsWith("write_file").endsWith("traefik-config.yaml"),
                command -> assertThat(command).startsWith("k3s kubectl wait --for=condition=Ready node"),
                command -> assertThat(command).startsWith("kubectl label namespace library"),
                command -> assertThat(command).startsWith("write_file").endsWith("install-values.yaml"),
                command -> assertThat(command).startsWith("helm show crds"),
                command -> assertThat(command).startsWith("kubectl apply --server-side"),
                command -> assertThat(command).startsWith("helm upgrade --install library "),
                command -> assertThat(command).startsWith("kubectl wait --namespace library"),
                command -> assertThat(command).startsWith("helm test library"));
    }

    @Test
    void settingsAreReadFromTheInstallFileWithoutRunningIt() throws Exception {
        Path marker = temp.resolve("ran");
        Path settings = temp.resolve("install.env");
        Files.writeString(settings, String.join("\n",
                "LIBRARY_CHART=/opt/library/library-0.1.0.tgz",
                "LIBRARY_IMAGE_REGISTRY=\"registry.internal:5000/library\"",
                "LIBRARY_IMAGE_TAG=0.2.0-gfedcba987654",
                "touch " + marker,
                "LIBRARY_X=$(touch " + marker + ")",
                ""));

        Script.Result result = Script.run(Map.of("LIBRARY_INSTALL_ENV", settings.toString(),
                "LIBRARY_STATE_DIR", temp.resolve("state").toString()), "bash", SCRIPT.toString(), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(marker).as("a command in the settings file").doesNotExist();
        assertThat(result.out()).contains("registry registry.internal:5000/library, tag 0.2.0-gfedcba987654");
        String install = result.lines("+ ").stream().filter(command -> command.startsWith("helm upgrade --install")).findFirst()
                .orElseThrow();
        assertThat(install).contains("library /opt/library/library-0.1.0.tgz").doesNotContain("--version");
    }

    @Test
    void anUnknownArgumentIsRefused() throws Exception {
        Script.Result result = Script.run(Map.of(), "bash", SCRIPT.toString(), "--dry-rn");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown argument '--dry-rn'", "Usage:");
    }

    private Script.Result dryRun(Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(Map.of(
                "LIBRARY_STATE_DIR", temp.resolve("state").toString(),
                "LIBRARY_INSTALL_ENV", temp.resolve("absent.env").toString(),
                "LIBRARY_GRAFANA_PASSWORD_FILE", temp.resolve("absent-password").toString(),
                "KUBECONFIG", temp.resolve("absent-kubeconfig").toString(),
                "LIBRARY_IMAGE_REGISTRY", REGISTRY, "LIBRARY_IMAGE_TAG", TAG, "LIBRARY_CHART_VERSION", TAG));
        environment.putAll(extra);
        return Script.run(environment, "bash", SCRIPT.toString(), "--dry-run");
    }

    static Map<String, String> pinnedVersions() throws IOException {
        Map<String, String> versions = new HashMap<>();
        Matcher matcher = PINNED.matcher(Files.readString(SCRIPT));
        while (matcher.find()) {
            versions.put(matcher.group(1), matcher.group(2));
        }
        assertThat(versions).containsOnlyKeys("K3S_VERSION", "HELM_VERSION");
        return versions;
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starts with " + prefix + " in " + commands);
    }

    private static void executable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
