package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * k8s/ec2/user-data.sh run for real, as cloud-init would, on a {@link FakeMachine}: every file it
 * writes lands under a scratch root, and k3s, kubectl, helm and the network are recorded stand-ins.
 * Each test is one thing a new user following docs/deploy-ec2-k3s.md literally depends on
 * (issue 22's findings 1-6, 8, 9 and 11 where they concern the instance).
 */
class UserDataFirstBootTest {

    private static final Path SCRIPT = Script.HOME.resolve("k8s/ec2/user-data.sh");
    private static final Map<String, String> PUBLISHED = Map.of(
            "LIBRARY_IMAGE_REGISTRY", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/library",
            "LIBRARY_IMAGE_TAG", "0.1.0-g0123456789ab",
            "LIBRARY_CHART_VERSION", "0.1.0-g0123456789ab");

    @TempDir
    Path temp;

    private FakeMachine machine;
    private String k3s;
    private String helm;

    @BeforeEach
    void machine() throws Exception {
        machine = new FakeMachine(temp);
        Map<String, String> pinned = UserDataScriptTest.pinnedVersions();
        k3s = pinned.get("K3S_VERSION");
        helm = pinned.get("HELM_VERSION");
    }

    // Finding 1: nothing is published under a default name, so there must be no default.
    @Test
    void withoutARegistryOrABundleItRefusesToStartAndNamesWhatIsMissing() throws Exception {
        Script.Result result = machine.run(SCRIPT, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("LIBRARY_BUNDLE", "LIBRARY_IMAGE_REGISTRY", "LIBRARY_IMAGE_TAG");
        assertThat(machine.calls()).as("nothing was installed").noneMatch(call -> call.startsWith("curl")
                || call.startsWith("helm upgrade") || call.startsWith("kubectl create"));
    }

    @Test
    void aSnapshotImageTagIsRefusedBecauseItMoves() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(PUBLISHED);
        settings.put("LIBRARY_IMAGE_TAG", "0.1.0-SNAPSHOT");

        Script.Result result = machine.run(SCRIPT, settings);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("SNAPSHOT");
        assertThat(machine.calls("helm upgrade")).isEmpty();
    }

    @Test
    void theReleaseGetsTheRegistryAndTagThatWerePublished() throws Exception {
        machine.withK3sAndHelm(k3s, helm);

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(machine.calls("helm upgrade --install library")).singleElement().asString()
                .contains(" oci://123456789012.dkr.ecr.eu-central-1.amazonaws.com/library/charts/library ",
                        " --version 0.1.0-g0123456789ab ");
        Map<String, Object> values = yaml(machine.root.resolve("var/lib/library-install/install-values.yaml"));
        assertThat(values).extracting("image").isEqualTo(Map.of(
                "registry", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/library",
                "tag", "0.1.0-g0123456789ab", "pullPolicy", "IfNotPresent"));
    }

    // Finding 2: `openssl rand -hex 24` ends in a newline, which Grafana would take as part of the password.
    @Test
    void theGrafanaPasswordHasNoTrailingNewline() throws Exception {
        machine.withK3sAndHelm(k3s, helm);

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(new String(machine.secretPassword(), StandardCharsets.US_ASCII)).matches("[0-9a-f]{48}");
        assertThat(Files.getPosixFilePermissions(machine.root.resolve("root/library/grafana-admin-password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    // Finding 3: `kubectl get nodes -o name` exits 0 on an empty list.
    @Test
    void itWaitsUntilTheNodeIsListedBeforeWaitingForItToBeReady() throws Exception {
        machine.withK3sAndHelm(k3s, helm).withEmptyNodeLists("2");

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(machine.calls("k3s kubectl get nodes -o name")).hasSize(3);
        assertThat(machine.calls("sleep")).hasSize(2);
        assertThat(machine.first("k3s kubectl wait --for=condition=Ready node"))
                .isGreaterThan(machine.calls().lastIndexOf(machine.calls("k3s kubectl get nodes").get(2)));
    }

    @Test
    void aNodeThatNeverRegistersStopsTheInstallWithAReason() throws Exception {
        machine.withK3sAndHelm(k3s, helm).withEmptyNodeLists("never");

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out() + result.err()).contains("no node registered");
        assertThat(machine.calls("k3s kubectl get nodes")).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(60);
        assertThat(machine.calls("helm upgrade")).isEmpty();
    }

    // Finding 5: an air-gapped instance downloads nothing, and k3s finds its own images in place.
    @Test
    void fromABundleItInstallsK3sHelmTheChartAndPinnedImagesWithoutDownloadingAnything() throws Exception {
        Path bundle = bundle("amd64");

        Script.Result result = machine.run(SCRIPT, Map.of("LIBRARY_BUNDLE", bundle.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(machine.calls()).noneMatch(call -> call.startsWith("curl") || call.startsWith("apt-get")
                || call.startsWith("dnf") || call.startsWith("aws"));
        assertThat(machine.calls("install.sh")).singleElement().asString()
                .contains("skip-download=true", "version=" + k3s, "airgap-images=k3s-airgap-images-amd64.tar.zst",
                        "traefik-config=traefik-config.yaml");
        assertThat(machine.root.resolve("usr/local/bin/k3s")).hasContent("stand-in for k3s/k3s")
                .isExecutable();
        assertThat(machine.root.resolve("usr/local/bin/helm")).hasContent("stand-in for helm/helm").isExecutable();
        assertThat(machine.calls("k3s ctr")).containsExactly(
                "k3s ctr --namespace k8s.io images import " + bundle.resolve("images/library-gateway.tar"),
                "k3s ctr --namespace k8s.io images label localhost/library/library-gateway:0.1.0-g0123456789ab io.cri-containerd.pinned=pinned",
                "k3s ctr --namespace k8s.io images import " + bundle.resolve("images/mongo-8.0.15.tar"),
                "k3s ctr --namespace k8s.io images label docker.io/library/mongo:8.0.15 io.cri-containerd.pinned=pinned");
        assertThat(machine.first("k3s ctr")).isLessThan(machine.first("helm upgrade"));
        assertThat(machine.calls("helm upgrade --install library")).singleElement().asString()
                .contains(" " + bundle.resolve("chart/library-0.1.0-g0123456789ab.tgz") + " ").doesNotContain("--version");
        assertThat(yaml(machine.root.resolve("var/lib/library-install/install-values.yaml"))).extracting("image")
                .isEqualTo(Map.of("registry", "localhost/library", "tag", "0.1.0-g0123456789ab", "pullPolicy", "IfNotPresent"));
    }

    @Test
    void anUploadedBundleTarIsUnpackedAndChecked() throws Exception {
        Path bundle = bundle("amd64");
        Path tar = temp.resolve("library-bundle.tar");
        assertThat(Script.run(Map.of(), "tar", "-cf", tar.toString(), "-C", bundle.toString(), ".").exitCode()).isZero();

        Script.Result result = machine.run(SCRIPT, Map.of("LIBRARY_BUNDLE", tar.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(machine.root.resolve("var/lib/library-install/bundle/manifest.env")).exists();
        assertThat(machine.calls("helm upgrade --install library")).singleElement().asString()
                .contains(machine.root.resolve("var/lib/library-install/bundle/chart/library-0.1.0-g0123456789ab.tgz").toString());
    }

    @Test
    void aBundleWhoseFilesDoNotMatchTheirSumsIsRefused() throws Exception {
        Path bundle = bundle("amd64");
        Files.writeString(bundle.resolve("k3s/k3s"), "something else");

        Script.Result result = machine.run(SCRIPT, Map.of("LIBRARY_BUNDLE", bundle.toString()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(machine.root.resolve("usr/local/bin/k3s")).doesNotExist();
    }

    @Test
    void aBundleForAnotherArchitectureIsRefusedBeforeAnythingIsInstalled() throws Exception {
        Path bundle = bundle("amd64");
        machine.withMachine("aarch64");

        Script.Result result = machine.run(SCRIPT, Map.of("LIBRARY_BUNDLE", bundle.toString()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out() + result.err()).contains("the bundle is for amd64, this instance is arm64");
        assertThat(machine.root.resolve("usr/local/bin/k3s")).doesNotExist();
    }

    // Finding 6: a values file at first boot, from the script itself, and the user's keys win.
    @Test
    void valuesWrittenIntoTheScriptBeforeLaunchReachTheReleaseAfterTheScriptsOwnDefaults() throws Exception {
        machine.withK3sAndHelm(k3s, helm);
        Path script = temp.resolve("user-data.sh");
        Files.writeString(script, Files.readString(SCRIPT).replace("  cat <<'VALUES'\n", String.join("\n",
                "  cat <<'VALUES'",
                "image:",
                "  pullPolicy: Always",
                "ingress:",
                "  host: books.example.org",
                "")));

        Script.Result result = machine.run(script, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path values = machine.root.resolve("etc/library/values.yaml");
        assertThat(yaml(values)).containsEntry("ingress", Map.of("host", "books.example.org"));
        assertThat(Files.getPosixFilePermissions(values)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String install = machine.calls("helm upgrade --install library").get(0);
        String defaults = machine.root.resolve("var/lib/library-install/install-values.yaml").toString();
        assertThat(install).doesNotContain("--set").contains("--values " + defaults + " --values " + values);
    }

    @Test
    void aValuesFileCanComeFromS3() throws Exception {
        machine.withK3sAndHelm(k3s, helm);
        Map<String, String> settings = new LinkedHashMap<>(PUBLISHED);
        settings.put("LIBRARY_VALUES", "s3://my-bucket/library/values.yaml");

        Script.Result result = machine.run(SCRIPT, settings);

        assertThat(result.exitCode()).as(result.err()).isZero();
        String values = machine.root.resolve("etc/library/values.yaml").toString();
        assertThat(machine.calls("aws")).containsExactly("aws s3 cp --only-show-errors s3://my-bucket/library/values.yaml " + values);
        assertThat(machine.first("aws s3 cp")).isLessThan(machine.first("helm upgrade"));
    }

    // Finding 8: Helm installs crds/ once and never upgrades it.
    @Test
    void everyRunAppliesTheChartsCrdBeforeUpgradingTheRelease() throws Exception {
        machine.withK3sAndHelm(k3s, helm);

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        String crds = machine.root.resolve("var/lib/library-install/crds.yaml").toString();
        assertThat(machine.root.resolve("var/lib/library-install/crds.yaml")).content().contains("CustomResourceDefinition");
        assertThat(machine.first("helm show crds oci://")).isLessThan(machine.first("kubectl apply"));
        assertThat(machine.calls("kubectl apply")).containsExactly("kubectl apply --server-side --force-conflicts -f " + crds);
        assertThat(machine.first("kubectl apply")).isLessThan(machine.first("helm upgrade"));
        assertThat(machine.calls("helm upgrade").get(0)).contains("--reset-values").doesNotContain("--reuse-values");
    }

    // Finding 9: with the default (Cluster) policy ServiceLB hands Traefik the node's address.
    @Test
    void traefikIsConfiguredToKeepTheClientAddressBeforeK3sStarts() throws Exception {
        Path bundle = bundle("amd64");

        Script.Result result = machine.run(SCRIPT, Map.of("LIBRARY_BUNDLE", bundle.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, Object> config = yaml(machine.root.resolve("var/lib/rancher/k3s/server/manifests/traefik-config.yaml"));
        assertThat(config).containsEntry("apiVersion", "helm.cattle.io/v1").containsEntry("kind", "HelmChartConfig")
                .containsEntry("metadata", Map.of("name", "traefik", "namespace", "kube-system"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) config.get("spec");
        Map<String, Object> traefikValues = new Yaml().load((String) spec.get("valuesContent"));
        assertThat(traefikValues).isEqualTo(Map.of("service", Map.of("spec", Map.of("externalTrafficPolicy", "Local"))));
        assertThat(machine.calls("install.sh").get(0)).contains("traefik-config=traefik-config.yaml");
    }

    // Finding 11: no HTTP->HTTPS redirect; Traefik's own entry point option does it for every host.
    @Test
    void withHttpsRedirectTraefikSendsEveryHttpRequestToHttps() throws Exception {
        machine.withK3sAndHelm(k3s, helm);
        Map<String, String> settings = new LinkedHashMap<>(PUBLISHED);
        settings.put("LIBRARY_HTTPS_REDIRECT", "true");

        Script.Result result = machine.run(SCRIPT, settings);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, Object> config = yaml(machine.root.resolve("var/lib/rancher/k3s/server/manifests/traefik-config.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> traefikValues = new Yaml().load((String) ((Map<String, Object>) config.get("spec")).get("valuesContent"));
        assertThat(traefikValues).containsEntry("service", Map.of("spec", Map.of("externalTrafficPolicy", "Local")))
                .containsEntry("additionalArguments", List.of("--entryPoints.web.http.redirections.entryPoint.to=websecure",
                        "--entryPoints.web.http.redirections.entryPoint.scheme=https",
                        "--entryPoints.web.http.redirections.entryPoint.permanent=true"));
    }

    // Finding 11: the namespace enforces the restricted Pod Security Standard every pod here meets.
    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard() throws Exception {
        machine.withK3sAndHelm(k3s, helm);

        Script.Result result = machine.run(SCRIPT, PUBLISHED);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(machine.calls("kubectl label namespace library")).singleElement().asString()
                .contains("pod-security.kubernetes.io/enforce=restricted", "--overwrite");
        assertThat(machine.first("kubectl label namespace")).isLessThan(machine.first("helm upgrade"));
    }

    @Test
    void aSecondRunKeepsTheGrafanaSecretAndConvergesTheSameRelease() throws Exception {
        machine.withK3sAndHelm(k3s, helm);
        assertThat(machine.run(SCRIPT, PUBLISHED).exitCode()).isZero();
        String firstInstall = machine.calls("helm upgrade").get(0);
        byte[] password = Files.readAllBytes(machine.root.resolve("root/library/grafana-admin-password"));

        Script.Result second = machine.run(SCRIPT, PUBLISHED);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(machine.calls("helm upgrade")).containsExactly(firstInstall, firstInstall);
        assertThat(machine.root.resolve("root/library/grafana-admin-password")).hasBinaryContent(password);
    }

    private Path bundle(String arch) throws Exception {
        List<String> layout = BundleScriptTest.layout(arch);
        Map<String, String> images = new LinkedHashMap<>();
        images.put("library-gateway.tar", "localhost/library/library-gateway:0.1.0-g0123456789ab");
        images.put("mongo-8.0.15.tar", "docker.io/library/mongo:8.0.15");
        return machine.bundle(arch, k3s, helm, layout, images);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }
}
