package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The install docs are executed, not just read: docs/deploy-ec2-k3s.md and docs/kubernetes.md.
 * Every shell block is a shellcheck-clean script, every YAML snippet is valid where the reader
 * puts it (merged over the chart's values and checked against values.schema.json, or a Library
 * against the CRD), every chart key the docs name exists, and the steps issue 22 found missing or
 * wrong stay in.
 */
class DeployDocsTest {

    private static final List<Path> DOCS = List.of(Script.HOME.resolve("docs/deploy-ec2-k3s.md"),
            Script.HOME.resolve("docs/kubernetes.md"));
    private static final Path CHART = Script.HOME.resolve("helm/library");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern CHART_KEY = Pattern.compile("^([a-z][A-Za-z]*(?:\\.(?:[A-Za-z]+|\\{[A-Za-z,]+\\}))+)(?::\\s.*)?$");

    @TempDir
    Path temp;

    /** A code block: where it starts, its language ("indented" for a 4-space block) and its text. */
    record Block(Path doc, int line, String language, String text) {

        boolean isShell() {
            return List.of("bash", "sh", "shell", "indented").contains(language);
        }

        @Override
        public String toString() {
            return Script.HOME.relativize(doc) + ":" + line;
        }
    }

    @Test
    void everyShellBlockIsShellcheckCleanAsAScript() throws Exception {
        Path shellcheck = Script.require("shellcheck", "Debian: apt-get install shellcheck");
        List<String> findings = new ArrayList<>();
        List<Block> shell = blocks().stream().filter(Block::isShell).toList();
        assertThat(shell).hasSizeGreaterThan(15);

        for (Block block : shell) {
            Path script = Files.writeString(temp.resolve("block.sh"), "#!/usr/bin/env bash\n" + block.text() + "\n");
            Script.Result result = Script.run(Map.of(), shellcheck.toString(), "--severity=style", script.toString());
            if (result.exitCode() != 0) {
                findings.add(block + "\n" + result.out());
            }
        }

        assertThat(findings).as("shell blocks shellcheck rejects").isEmpty();
    }

    @Test
    void everyYamlSnippetIsValidWhereTheReaderPutsIt() throws Exception {
        Script.require("python3", "Debian: apt-get install python3 python3-yaml python3-jsonschema");
        Path validator = Path.of("src/test/resources/validate-snippet.py").toAbsolutePath();
        List<Block> yaml = blocks().stream().filter(block -> block.language().equals("yaml")).toList();
        assertThat(yaml).hasSizeGreaterThanOrEqualTo(2);
        List<String> findings = new ArrayList<>();

        for (Block block : yaml) {
            Path snippet = Files.writeString(temp.resolve("snippet.yaml"), block.text());
            Script.Result result = Script.run(Map.of(), "python3", validator.toString(), snippet.toString(), CHART.toString());
            if (result.exitCode() != 0) {
                findings.add(block + ": " + result.out() + result.err());
            }
        }

        assertThat(findings).as("YAML snippets the chart's schema rejects").isEmpty();
    }

    @Test
    void everyChartKeyTheDocsNameExists() throws Exception {
        Map<String, Object> values = new Yaml().load(Files.readString(CHART.resolve("values.yaml")));
        Set<String> named = new LinkedHashSet<>();
        for (Path doc : DOCS) {
            Matcher span = CODE_SPAN.matcher(Files.readString(doc));
            while (span.find()) {
                Matcher key = CHART_KEY.matcher(span.group(1));
                // File names such as `gateway.jar` are not keys.
                if (key.matches() && values.containsKey(key.group(1).substring(0, key.group(1).indexOf('.')))
                        && !key.group(1).matches(".*\\.(jar|ya?ml|md|sh|tar|tgz|gz|json|txt)")) {
                    named.addAll(expand(key.group(1)));
                }
            }
        }
        assertThat(named).contains("ingress.host", "network.podCidr", "mongodb.uriSecret");

        assertThat(named).as("chart keys named in the docs that values.yaml does not have")
                .allSatisfy(key -> assertThat(exists(values, key)).as(key).isTrue());
    }

    // Finding 11: with the default hop limit of 2 a pod can reach the metadata service and the role.
    @Test
    void theLaunchCommandLimitsTheMetadataServiceToOneHop() throws Exception {
        List<Block> launches = shellBlocksContaining("aws ec2 run-instances");

        assertThat(launches).isNotEmpty().allSatisfy(block -> assertThat(block.text())
                .contains("HttpTokens=required").contains("HttpPutResponseHopLimit=1"));
    }

    // Finding 4: without the Secret Grafana never starts and `helm --wait` waits out its time-out.
    @Test
    void everyChartInstallCreatesTheGrafanaSecretFirst() throws Exception {
        List<Block> installs = blocks().stream().filter(Block::isShell)
                .filter(block -> block.text().matches("(?s).*helm (install|upgrade --install) library helm/library.*")).toList();

        assertThat(installs).hasSizeGreaterThanOrEqualTo(2).allSatisfy(block -> {
            int secret = block.text().indexOf("create secret generic library-grafana-admin");
            assertThat(secret).as(block.toString()).isNotNegative()
                    .isLessThan(block.text().indexOf("helm " + (block.text().contains("helm install") ? "install" : "upgrade")));
            assertThat(block.text()).as(block + ": the password from a file, not the command line")
                    .contains("--from-file=admin-password=").doesNotContain("--from-literal=admin-password");
        });
    }

    // Finding 6: the install's host is the user's values, so the login must not assume one.
    @Test
    void theFirstLoginTakesTheGatewayAddressFromTheInstalledLibrary() throws Exception {
        List<Block> logins = shellBlocksContaining("/api/auth/login");

        assertThat(logins).singleElement().satisfies(block -> assertThat(block.text())
                .contains("GATEWAY=$(kubectl get library library -n library -o jsonpath='{.status.gatewayUrl}')")
                .doesNotContainPattern("GATEWAY=https?://"));
    }

    // Finding 8: Helm never upgrades crds/, and --reuse-values keeps the old chart's defaults.
    @Test
    void everyUpgradeAppliesTheCrdFirstAndResetsThenReusesValues() throws Exception {
        List<Block> upgrades = blocks().stream().filter(Block::isShell)
                .filter(block -> block.text().matches("(?s).*helm upgrade library .*")).toList();

        assertThat(upgrades).hasSizeGreaterThanOrEqualTo(2).allSatisfy(block -> {
            assertThat(block.text()).as(block.toString()).contains("--reset-then-reuse-values")
                    .doesNotContainPattern("(?<!reset-then-)reuse-values");
            assertThat(block.text()).as(block.toString()).containsPattern("(?s)(crds.*kubectl apply|kubectl apply.*crds).*helm upgrade");
        });
    }

    // Finding 11: `helm uninstall` already removed the chart's library-node-exporter namespace.
    @Test
    void teardownToleratesANamespaceThatIsAlreadyGone() throws Exception {
        List<Block> deletions = shellBlocksContaining("kubectl delete namespace");

        assertThat(deletions).hasSizeGreaterThanOrEqualTo(2).allSatisfy(block -> assertThat(block.text())
                .as(block.toString()).containsPattern("kubectl delete namespace [^\\n]*--ignore-not-found"));
    }

    private static List<Block> shellBlocksContaining(String text) throws IOException {
        return blocks().stream().filter(Block::isShell).filter(block -> block.text().contains(text)).toList();
    }

    /** Fenced blocks (also indented inside list items) and 4-space indented blocks of both docs. */
    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path doc : DOCS) {
            List<String> lines = Files.readAllLines(doc);
            int i = 0;
            while (i < lines.size()) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (fence.matches()) {
                    int indent = fence.group(1).length();
                    List<String> body = new ArrayList<>();
                    int j = i + 1;
                    while (!lines.get(j).strip().equals("```")) {
                        body.add(lines.get(j).length() >= indent ? lines.get(j).substring(indent) : lines.get(j).strip());
                        j++;
                    }
                    blocks.add(new Block(doc, i + 1, fence.group(2), String.join("\n", body)));
                    i = j + 1;
                } else if (lines.get(i).startsWith("    ") && i > 0 && lines.get(i - 1).isBlank()) {
                    List<String> body = new ArrayList<>();
                    int j = i;
                    while (j < lines.size() && (lines.get(j).startsWith("    ")
                            || lines.get(j).isBlank() && j + 1 < lines.size() && lines.get(j + 1).startsWith("    "))) {
                        body.add(lines.get(j).length() >= 4 ? lines.get(j).substring(4) : "");
                        j++;
                    }
                    blocks.add(new Block(doc, i + 1, "indented", String.join("\n", body)));
                    i = j;
                } else {
                    i++;
                }
            }
        }
        return blocks;
    }

    /** "a.{b,c}" -> "a.b", "a.c". */
    private static List<String> expand(String key) {
        Matcher braces = Pattern.compile("\\{([A-Za-z,]+)\\}").matcher(key);
        if (!braces.find()) {
            return List.of(key);
        }
        List<String> keys = new ArrayList<>();
        for (String part : braces.group(1).split(",")) {
            keys.addAll(expand(key.substring(0, braces.start()) + part + key.substring(braces.end())));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static boolean exists(Map<String, Object> values, String key) {
        Object node = values;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            node = ((Map<String, Object>) map).get(part);
        }
        return true;
    }
}
