package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An instance for k8s/ec2/user-data.sh to run on for real, in a scratch directory: the script's
 * paths hang off LIBRARY_ROOT, and the tools that would touch a cluster, the network or the init
 * system (k3s, kubectl, helm, curl, aws, systemctl, sleep, uname) are stand-ins on the PATH that
 * record their arguments in calls.log and answer from small state files. File system work (mkdir,
 * install, cp, tar, sha256sum, openssl) is done by the real tools, so its results can be checked.
 */
final class FakeMachine {

    final Path root;
    final Path bin;
    final Path log;
    private final Path state;

    FakeMachine(Path temp) throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        bin = Files.createDirectories(temp.resolve("bin"));
        state = Files.createDirectories(temp.resolve("fake-state"));
        log = temp.resolve("calls.log");
        Files.writeString(log, "");
        Files.createDirectories(root.resolve("usr/local/bin"));
        stub("k3s", """
                case "$*" in
                  --version) [ -f "$STATE/k3s-installed" ] && echo "k3s version $(cat "$STATE/k3s-installed") (0000000)" && exit 0; exit 1 ;;
                  "kubectl get nodes -o name"*)
                    calls=$(($(cat "$STATE/node-polls" 2>/dev/null || echo 0) + 1)); echo "$calls" > "$STATE/node-polls"
                    empty=$(cat "$STATE/empty-node-lists" 2>/dev/null || echo 0)
                    [ "$empty" != never ] && [ "$calls" -gt "$empty" ] && echo node/ip-10-0-0-1
                    exit 0 ;;
                esac
                exit 0""");
        stub("kubectl", """
                case "$*" in
                  "get namespace"*) [ -f "$STATE/namespace" ]; exit $? ;;
                  "get secret"*) [ -f "$STATE/grafana-secret" ]; exit $? ;;
                  "create namespace"*) touch "$STATE/namespace" ;;
                  "create secret"*)
                    touch "$STATE/grafana-secret"
                    for argument in "$@"; do
                      case "$argument" in --from-file=admin-password=*) cp "${argument#--from-file=admin-password=}" "$STATE/secret-password" ;; esac
                    done ;;
                esac
                exit 0""");
        stub("helm", """
                case "$*" in
                  "version --short") [ -f "$STATE/helm-installed" ] && echo "$(cat "$STATE/helm-installed")+g0000000" && exit 0; exit 1 ;;
                  "show crds"*) echo "kind: CustomResourceDefinition" ;;
                esac
                exit 0""");
        stub("uname", "[ \"$1\" = -m ] && { cat \"$STATE/machine\" 2>/dev/null || echo x86_64; exit 0; }\nexec /usr/bin/uname \"$@\"");
        for (String recordedOnly : List.of("curl", "aws", "systemctl", "sleep", "apt-get", "dnf", "skopeo")) {
            stub(recordedOnly, "exit 0");
        }
    }

    /** k3s and Helm at these versions answer as installed (a first run got that far). */
    FakeMachine withK3sAndHelm(String k3sVersion, String helmVersion) throws IOException {
        Files.writeString(state.resolve("k3s-installed"), k3sVersion);
        Files.writeString(state.resolve("helm-installed"), helmVersion);
        return this;
    }

    /** `k3s kubectl get nodes -o name` answers with an empty list this many times first. */
    FakeMachine withEmptyNodeLists(String times) throws IOException {
        Files.writeString(state.resolve("empty-node-lists"), times);
        return this;
    }

    FakeMachine withMachine(String unameM) throws IOException {
        Files.writeString(state.resolve("machine"), unameM);
        return this;
    }

    /** The bytes the Grafana Secret's password key was created from. */
    byte[] secretPassword() throws IOException {
        return Files.readAllBytes(state.resolve("secret-password"));
    }

    /** Every recorded command, "tool arg arg...", in order. */
    List<String> calls() throws IOException {
        return Files.readAllLines(log);
    }

    List<String> calls(String prefix) throws IOException {
        return calls().stream().filter(call -> call.startsWith(prefix)).toList();
    }

    /** Index of the first call starting with prefix; fails when there is none. */
    int first(String prefix) throws IOException {
        List<String> calls = calls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call starts with '" + prefix + "' in\n" + String.join("\n", calls));
    }

    /** Runs user-data.sh (or a copy of it) for real on this machine, with extra settings. */
    Script.Result run(Path script, Map<String, String> settings) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        environment.put("LIBRARY_ROOT", root.toString());
        // Both the old and the new script honour these; the new one derives them from LIBRARY_ROOT too.
        environment.put("LIBRARY_STATE_DIR", root.resolve("var/lib/library-install").toString());
        environment.put("LIBRARY_INSTALL_ENV", root.resolve("etc/library/install.env").toString());
        environment.put("LIBRARY_GRAFANA_PASSWORD_FILE", root.resolve("root/library/grafana-admin-password").toString());
        environment.put("STATE", state.toString());
        environment.putAll(settings);
        return Script.run(environment, "bash", script.toString());
    }

    /**
     * A bundle laid out as images/bundle writes it (the paths its dry run lists), with stand-in
     * contents, a manifest, images.txt and correct SHA256SUMS. The k3s install script records the
     * files k3s would find when it starts.
     */
    Path bundle(String arch, String k3sVersion, String helmVersion, List<String> layout, Map<String, String> images)
            throws Exception {
        Path bundle = Files.createDirectories(root.getParent().resolve("bundle"));
        for (String path : layout) {
            Path file = bundle.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "stand-in for " + path + "\n");
        }
        Files.writeString(bundle.resolve("k3s/install.sh"), String.join("\n",
                "printf 'install.sh skip-download=%s version=%s exec=%s airgap-images=%s traefik-config=%s\\n' \\",
                "  \"$INSTALL_K3S_SKIP_DOWNLOAD\" \"$INSTALL_K3S_VERSION\" \"$INSTALL_K3S_EXEC\" \\",
                "  \"$(ls " + root.resolve("var/lib/rancher/k3s/agent/images") + " 2>/dev/null)\" \\",
                "  \"$(ls " + root.resolve("var/lib/rancher/k3s/server/manifests") + " 2>/dev/null)\" >> " + log,
                ""));
        List<String> lines = new ArrayList<>();
        images.forEach((file, reference) -> lines.add(file + " " + reference));
        Files.writeString(bundle.resolve("images/images.txt"), String.join("\n", lines) + "\n");
        String chart = layout.stream().filter(path -> path.startsWith("chart/")).findFirst().orElseThrow()
                .substring("chart/".length());
        Files.writeString(bundle.resolve("manifest.env"), String.join("\n", "ARCH=" + arch, "K3S_VERSION=" + k3sVersion,
                "HELM_VERSION=" + helmVersion, "IMAGE_REGISTRY=localhost/library", "IMAGE_TAG=0.1.0-g0123456789ab",
                "CHART_FILE=" + chart, "COMMIT=0123456789ab", ""));
        writeSums(bundle);
        return bundle;
    }

    static void writeSums(Path bundle) throws Exception {
        List<String> sums = new ArrayList<>();
        try (var files = Files.walk(bundle)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (!file.getFileName().toString().equals("SHA256SUMS")) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                    sums.add(HexFormat.of().formatHex(digest) + "  ./" + bundle.relativize(file));
                }
            }
        }
        Files.writeString(bundle.resolve("SHA256SUMS"), String.join("\n", sums) + "\n");
    }

    private void stub(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        String record = "printf '%s' " + name + " >> \"" + log + "\"; for a in \"$@\"; do printf ' %s' \"$a\" >> \"" + log
                + "\"; done; echo >> \"" + log + "\"\n";
        Files.writeString(file, "#!/bin/sh\n" + record + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(file).isExecutable();
    }
}
