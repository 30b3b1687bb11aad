package dev.library.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.stores.embedded.FreePorts;

/**
 * The chart's Alertmanager and kube-state-metrics as rendered from values: Alertmanager's own
 * checker accepts the configuration, alerts reach the receiver of their severity, and
 * kube-state-metrics reads only what it reports, only in the namespaces it watches.
 */
class AlertingChartTest {

    private static final String SECRETS = "/etc/alertmanager/secrets/";

    @TempDir
    Path dir;

    @Test
    void amtoolAcceptsTheRenderedConfigurationWithReceiversOfEveryKind() {
        Path config = alertmanagerConfig(Chart.rendered("alerting"));

        Result result = run(List.of(amtool(), "check-config", config.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS", "3 receivers", "2 inhibit rules");
    }

    @Test
    void amtoolAcceptsTheDefaultConfigurationWhoseReceiversOnlyShowAlerts() {
        Path config = alertmanagerConfig(Chart.rendered(Chart.DEFAULTS));

        Result result = run(List.of(amtool(), "check-config", config.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void alertsAreRoutedBySeverityAndTheWatchdogToItsOwnReceiver() {
        Path config = alertmanagerConfig(Chart.rendered("alerting"));

        assertThat(route(config, "alertname=LibraryServiceDown", "severity=page")).isEqualTo("page");
        assertThat(route(config, "alertname=LibraryCPUThrottling", "severity=ticket")).isEqualTo("ticket");
        assertThat(route(config, "alertname=Watchdog", "severity=none")).isEqualTo("watchdog");
        assertThat(route(config, "alertname=SomethingNew")).isEqualTo("ticket");
    }

    /**
     * A real Alertmanager (Debian's, on a free loopback port) with the default rendering, whose
     * receivers send nothing: while NodeDown fires for a node, an alert of a pod on that node is
     * inhibited, and one of a pod on another node is not.
     */
    @Test
    void whileANodeIsDownTheAlertsOfItsPodsAreHeldBack() throws Exception {
        Path config = alertmanagerConfig(Chart.rendered(Chart.DEFAULTS));
        int port = FreePorts.find();
        String base = "http://127.0.0.1:" + port;
        Process alertmanager = new ProcessBuilder(Project.requireTool("prometheus-alertmanager").toString(),
                "--config.file=" + config, "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            awaitReady(http, base);
            String alerts = """
                    [{"labels": {"alertname": "NodeDown", "severity": "page", "node": "k3s-node-2"}},
                     {"labels": {"alertname": "LibraryRestartLoop", "severity": "page", "namespace": "library",
                                 "pod": "book-service-1", "container": "book-service", "node": "k3s-node-2"}},
                     {"labels": {"alertname": "LibraryRestartLoop", "severity": "page", "namespace": "library",
                                 "pod": "book-service-2", "container": "book-service", "node": "k3s-node-1"}}]
                    """;
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            Map<String, List<?>> inhibitedBy = new java.util.HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Inhibition is computed as alerts are listed; the first listing may come before all three are in.
            while (System.nanoTime() < deadline) {
                inhibitedBy.clear();
                String listed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (Object alert : new Yaml().<List<Object>>load(listed)) {
                    Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) alert).get("labels");
                    Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) alert).get("status");
                    inhibitedBy.put(labels.get("alertname") + " " + labels.get("node"), (List<?>) status.get("inhibitedBy"));
                }
                if (inhibitedBy.size() == 3 && !inhibitedBy.get("LibraryRestartLoop k3s-node-2").isEmpty()) {
                    break;
                }
                Thread.sleep(200);
            }

            assertThat(inhibitedBy.get("LibraryRestartLoop k3s-node-2")).as(inhibitedBy.toString()).hasSize(1);
            assertThat(inhibitedBy.get("LibraryRestartLoop k3s-node-1")).as(inhibitedBy.toString()).isEmpty();
            assertThat(inhibitedBy.get("NodeDown k3s-node-2")).as(inhibitedBy.toString()).isEmpty();
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(HttpClient http, String base) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Alertmanager did not become ready within 30 s");
    }

    @Test
    void credentialsAreReadFromTheSecretsFilesNeverWrittenIntoTheConfiguration() {
        Manifests rendered = Chart.rendered("alerting");
        String config = configMap(rendered).getData().get("alertmanager.yml");

        assertThat(config).contains("api_url_file: " + SECRETS + "slack-pages-url", "auth_password_file: " + SECRETS + "smtp-password");
        Deployment alertmanager = rendered.objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("library-alertmanager")).findFirst().orElseThrow();
        assertThat(alertmanager.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("library-alertmanager-credentials"));
    }

    @Test
    void aWebhookWhoseUrlIsACredentialReadsItFromTheSecret() {
        Manifests rendered = Manifests.parse("webhook urlKey", Chart.template(null, Map.of(
                "monitoring.alertmanager.credentialsSecret", "am-credentials",
                "monitoring.alertmanager.receivers.page.webhooks[0].urlKey", "pager-url")));

        // url_file needs Alertmanager 0.26 or later (the chart runs 0.28); Debian's amtool 0.25
        // does not know the field, so this one is checked as text.
        assertThat(configMap(rendered).getData().get("alertmanager.yml")).contains("url_file: " + SECRETS + "pager-url");
    }

    @Test
    void theRulesRunbookLinksStartWithTheConfiguredBase() {
        ConfigMap rules = Chart.rendered("alerting").objects().stream().filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast).filter(c -> c.getMetadata().getName().equals("library-prometheus-rules"))
                .findFirst().orElseThrow();

        String alerts = rules.getData().get("alerts.yml");
        assertThat(alerts).contains("runbook_url: https://docs.example.org/library/operations.md#libraryservicedown")
                .doesNotContain("github.com/dev-library");
    }

    @Test
    void kubeStateMetricsHasAReadOnlyRoleInEachNamespaceItWatchesAndNoOther() {
        Manifests rendered = Chart.rendered("alerting");
        List<Role> roles = rendered.objects().stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("library-kube-state-metrics")).toList();
        Deployment ksm = rendered.objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("library-kube-state-metrics")).findFirst().orElseThrow();

        assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("library", "library-tenants");
        assertThat(roles).flatExtracting(Role::getRules).flatExtracting(PolicyRule::getVerbs).containsOnly("list", "watch");
        assertThat(ksm.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--namespaces=library,library-tenants");
    }

    private static ConfigMap configMap(Manifests rendered) {
        return rendered.objects().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("library-alertmanager")).findFirst().orElseThrow();
    }

    /** The rendered alertmanager.yml, its Secret's files pointing at stand-ins in the temp directory (amtool reads them). */
    private Path alertmanagerConfig(Manifests rendered) {
        try {
            String config = configMap(rendered).getData().get("alertmanager.yml");
            Path secrets = Files.createDirectories(dir.resolve("secrets"));
            for (String key : List.of("slack-pages-url", "slack-tickets-url", "smtp-password")) {
                Files.writeString(secrets.resolve(key), "https://hooks.example.org/" + key);
            }
            return Files.writeString(dir.resolve("alertmanager.yml"), config.replace(SECRETS, secrets + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String route(Path config, String... labels) {
        List<String> command = new ArrayList<>(List.of(amtool(), "config", "routes", "test", "--config.file=" + config));
        command.addAll(List.of(labels));
        Result result = run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        // The receiver's name is the last line (Debian's amtool may warn first about its own config file).
        List<String> lines = result.output().strip().lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    private static String amtool() {
        return Project.requireTool("amtool").toString();
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
