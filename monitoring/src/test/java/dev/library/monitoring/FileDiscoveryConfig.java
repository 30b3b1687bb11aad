package dev.library.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The cluster configuration (monitoring/prometheus/prometheus.yml) made checkable without a
 * cluster: Debian's Prometheus has no Kubernetes discovery, so each job's kubernetes_sd_configs
 * becomes file_sd_configs reading <job>.json, whose targets carry the same __meta_kubernetes_*
 * labels. Relabelling, scrape settings and rules stay exactly as written.
 */
final class FileDiscoveryConfig {

    private FileDiscoveryConfig() {
    }

    /** Writes the variant into {@code directory} (with a stand-in service-account token and CA) and returns its path. */
    @SuppressWarnings("unchecked")
    static Path write(Path directory) {
        Map<String, Object> config = Expressions.readYaml(Tools.PROMETHEUS_DIR.resolve("prometheus.yml"));
        config.put("rule_files", List.of(Tools.RULES_DIR.resolve("*.yml").toString()));
        try {
            Path token = Files.writeString(directory.resolve("token"), "service-account-token");
            Path ca = Files.writeString(directory.resolve("ca.crt"), "");
            for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
                if (job.remove("kubernetes_sd_configs") != null) {
                    job.put("file_sd_configs", List.of(Map.of("files",
                            List.of(directory.resolve(job.get("job_name") + ".json").toString()))));
                }
                if (job.get("authorization") instanceof Map<?, ?> authorization) {
                    ((Map<String, Object>) authorization).put("credentials_file", token.toString());
                }
                if (job.get("tls_config") instanceof Map<?, ?> tls) {
                    ((Map<String, Object>) tls).put("ca_file", ca.toString());
                }
            }
            // Alertmanager, discovered the same way: its targets come from alertmanagers.json.
            Map<String, Object> alerting = (Map<String, Object>) config.get("alerting");
            for (Map<String, Object> alertmanagers : (List<Map<String, Object>>) alerting.get("alertmanagers")) {
                if (alertmanagers.remove("kubernetes_sd_configs") != null) {
                    alertmanagers.put("file_sd_configs", List.of(Map.of("files",
                            List.of(directory.resolve("alertmanagers.json").toString()))));
                }
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return Files.writeString(directory.resolve("prometheus.yml"), new Yaml(options).dump(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
