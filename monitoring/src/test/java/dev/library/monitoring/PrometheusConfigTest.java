package dev.library.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** promtool on both Prometheus configurations, and the cluster relabelling on pods and nodes as Kubernetes describes them. */
class PrometheusConfigTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void localConfigurationIsValid() {
        Tools.Result result = Tools.run(Tools.PROMETHEUS_DIR,
                List.of(promtool(), "check", "config", "prometheus-local.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 3 rule files found");
    }

    @Test
    void clusterConfigurationIsValidWithFileBasedTargets() {
        Tools.Result result = Tools.run(dir, List.of(promtool(), "check", "config", FileDiscoveryConfig.write(dir).toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void annotatedPodIsScrapedOnceOnItsManagementPortWithKubernetesLabels() throws IOException {
        writeTargets("library-pods",
                pod("gateway-5c7d9b8f6-q8x2m", "gateway", 9080, "9080", "Running"),
                pod("gateway-5c7d9b8f6-q8x2m", "gateway", 8080, "9080", "Running"));

        List<JsonNode> kept = keptTargets("library-pods");

        assertThat(kept).hasSize(1);
        JsonNode labels = kept.get(0);
        assertThat(labels.get("__address__").asString()).isEqualTo("10.42.0.17:9080");
        assertThat(labels.get("__metrics_path__").asString()).isEqualTo("/actuator/prometheus");
        assertThat(labels.get("namespace").asString()).isEqualTo("library");
        assertThat(labels.get("pod").asString()).isEqualTo("gateway-5c7d9b8f6-q8x2m");
        assertThat(labels.get("container").asString()).isEqualTo("gateway");
        assertThat(labels.get("app").asString()).isEqualTo("gateway");
    }

    @Test
    void podsWithoutTheScrapeAnnotationOrNotRunningAreNotScraped() throws IOException {
        Map<String, Object> mongodb = pod("mongodb-0", "mongodb", 27017, null, "Running");
        Map<String, Object> finished = pod("book-service-6f8d7c5b4-t9n2p", "book-service", 9082, "9082", "Succeeded");
        writeTargets("library-pods", mongodb, finished);

        assertThat(keptTargets("library-pods")).isEmpty();
    }

    @Test
    void cadvisorIsScrapedStraightFromEachKubeletOverHttps() throws IOException {
        writeTargets("kubelet-cadvisor", Map.of("targets", List.of("192.168.1.10:10250"),
                "labels", Map.of("__meta_kubernetes_node_name", "k3s-node-1")));

        List<JsonNode> kept = keptTargets("kubelet-cadvisor");

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("__scheme__").asString()).isEqualTo("https");
        assertThat(kept.get(0).get("__address__").asString()).isEqualTo("192.168.1.10:10250");
        assertThat(kept.get(0).get("__metrics_path__").asString()).isEqualTo("/metrics/cadvisor");
        assertThat(kept.get(0).get("node").asString()).isEqualTo("k3s-node-1");
    }

    @Test
    void nodeExporterPodsAreScrapedUnderTheirNodesName() throws IOException {
        Map<String, Object> exporter = Map.of("targets", List.of("192.168.1.10:9100"), "labels", Map.of(
                "__meta_kubernetes_namespace", "library-node-exporter",
                "__meta_kubernetes_pod_name", "node-exporter-x7k2p",
                "__meta_kubernetes_pod_node_name", "k3s-node-1",
                "__meta_kubernetes_pod_container_port_number", "9100",
                "__meta_kubernetes_pod_label_app_kubernetes_io_name", "node-exporter"));
        writeTargets("node-exporter", exporter, pod("gateway-5c7d9b8f6-q8x2m", "gateway", 9080, "9080", "Running"));

        List<JsonNode> kept = keptTargets("node-exporter");

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("instance").asString()).isEqualTo("k3s-node-1");
        assertThat(kept.get(0).get("namespace").asString()).isEqualTo("library-node-exporter");
    }

    @Test
    void kubeStateMetricsIsScrapedOnItsMetricsPortOnlyKeepingTheObjectsOwnLabels() throws IOException {
        Map<String, Object> metrics = kubeStateMetricsPort("http-metrics", 8080);
        Map<String, Object> telemetry = kubeStateMetricsPort("telemetry", 8081);
        writeTargets("kube-state-metrics", metrics, telemetry, pod("gateway-5c7d9b8f6-q8x2m", "gateway", 9080, "9080", "Running"));

        List<JsonNode> kept = keptTargets("kube-state-metrics");

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("__address__").asString()).isEqualTo("10.42.0.31:8080");
        // namespace/pod/container stay free for kube-state-metrics' own labels (the objects described).
        assertThat(kept.get(0).has("namespace")).isFalse();
        assertThat(kept.get(0).has("pod")).isFalse();
    }

    @Test
    void podDiscoveryIsLimitedToPrometheusOwnNamespace() {
        Map<String, Object> config = Expressions.readYaml(Tools.PROMETHEUS_DIR.resolve("prometheus.yml"));
        for (Object job : (List<?>) config.get("scrape_configs")) {
            Map<?, ?> scrape = (Map<?, ?>) job;
            if (List.of("library-pods", "kube-state-metrics").contains(scrape.get("job_name"))) {
                assertThat(scrape.get("kubernetes_sd_configs").toString()).as(String.valueOf(scrape.get("job_name")))
                        .contains("own_namespace=true");
            }
        }
    }

    private static Map<String, Object> kubeStateMetricsPort(String portName, int port) {
        return Map.of("targets", List.of("10.42.0.31:" + port), "labels", Map.of(
                "__meta_kubernetes_namespace", "library",
                "__meta_kubernetes_pod_name", "library-kube-state-metrics-6d9c8b7f5-2xkqp",
                "__meta_kubernetes_pod_container_port_name", portName,
                "__meta_kubernetes_pod_container_port_number", Integer.toString(port),
                "__meta_kubernetes_pod_label_app_kubernetes_io_name", "kube-state-metrics"));
    }

    /** A pod-role target as Kubernetes discovery describes one container port of a pod. */
    private static Map<String, Object> pod(String name, String container, int port, String annotatedPort, String phase) {
        Map<String, String> labels = new HashMap<>(Map.of(
                "__meta_kubernetes_namespace", "library",
                "__meta_kubernetes_pod_name", name,
                "__meta_kubernetes_pod_container_name", container,
                "__meta_kubernetes_pod_container_port_number", Integer.toString(port),
                "__meta_kubernetes_pod_ip", "10.42.0.17",
                "__meta_kubernetes_pod_phase", phase,
                "__meta_kubernetes_pod_node_name", "k3s-node-1",
                "__meta_kubernetes_pod_label_app_kubernetes_io_name", container));
        if (annotatedPort != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true");
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_port", annotatedPort);
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_path", "/actuator/prometheus");
        }
        return Map.of("targets", List.of("10.42.0.17:" + port), "labels", labels);
    }

    @SafeVarargs
    private void writeTargets(String job, Map<String, Object>... targets) throws IOException {
        Files.writeString(dir.resolve(job + ".json"), JSON.writeValueAsString(List.of(targets)));
    }

    /** The labels of the targets the job keeps after relabelling (promtool check service-discovery). */
    private List<JsonNode> keptTargets(String job) {
        Path config = FileDiscoveryConfig.write(dir);
        Tools.Result result = Tools.run(dir, List.of(promtool(), "check", "service-discovery", "--timeout=2s", config.toString(), job));
        assertThat(result.exitCode()).as(result.output()).isZero();
        // promtool logs to the same output, before and after the targets: a JSON array whose first
        // line is "[" and last line "]" (or "[]" alone when nothing is kept).
        String output = "\n" + result.output();
        int start = output.indexOf("\n[") + 1;
        int end = output.indexOf("\n]", start);
        String json = end < 0 ? "[]" : output.substring(start, end + 2);
        return JSON.readTree(json).valueStream().map(target -> target.get("labels"))
                .filter(labels -> !labels.isEmpty()).toList();
    }

    private static String promtool() {
        return Tools.require("promtool", "prometheus").toString();
    }
}
