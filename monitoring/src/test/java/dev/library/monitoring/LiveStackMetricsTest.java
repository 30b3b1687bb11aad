package dev.library.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.library.localstack.Stack;
import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.stores.embedded.FreePorts;
import dev.library.stores.embedded.RedisServerProcess;
import dev.library.testhttp.HttpApi;

/**
 * A real Prometheus, configured from prometheus-local.yml (ports moved to free ones, scraping every
 * 2 s), scrapes the three service jars on real stores, node-exporter, and the recorded kubelet
 * cAdvisor and kube-state-metrics scrapes, while traffic runs through the gateway and Redis goes away for a few seconds.
 * Then every expression of every dashboard and every recording rule must return data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStackMetricsTest {

    private static final String ADMIN = "monitoring-admin";
    private static final String ADMIN_PASSWORD = "monitoring admin password";
    private static final Duration LOAD = Duration.ofSeconds(45);
    private static final Duration REDIS_OUTAGE = Duration.ofSeconds(8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedMongo mongo;
    private RedisServerProcess redis;
    private Stack stack;
    private CadvisorFixtureServer cadvisor;
    private String prometheus;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    @BeforeAll
    void startStackPrometheusAndLoad() throws Exception {
        Path prometheusBinary = Tools.require("prometheus", "prometheus");
        Path nodeExporterBinary = Tools.require("prometheus-node-exporter", "prometheus-node-exporter");
        Path work = Files.createTempDirectory("library-monitoring-live");

        mongo = EmbeddedMongo.inMemory();
        redis = RedisServerProcess.start(FreePorts.find());
        Stack.Ports ports = Stack.Ports.free();
        Map<String, String> environment = Map.of(
                "LIBRARY_ADMIN_USERNAME", ADMIN, "LIBRARY_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_REPLENISH_PER_SECOND", "20",
                "LIBRARY_GATEWAY_RATE_LIMIT_SIGN_IN_BURST", "40",
                "LIBRARY_AUTH_LOGIN_THROTTLE_MAX_FAILURES_PER_CLIENT", "1000");
        stack = new Stack(new Stack.Config(Tools.ROOT, work.resolve("stack"), "mongodb://127.0.0.1:" + mongo.port(),
                redis.url(), ports, environment, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1")));
        stack.start(System.out);

        int nodeExporterPort = FreePorts.find();
        processes.add(new ProcessBuilder(nodeExporterBinary.toString(), "--web.listen-address=127.0.0.1:" + nodeExporterPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("node-exporter.log").toFile()).start());
        int cadvisorPort = FreePorts.find();
        cadvisor = new CadvisorFixtureServer(cadvisorPort);

        int prometheusPort = FreePorts.find();
        prometheus = "http://127.0.0.1:" + prometheusPort;
        Path config = Files.writeString(work.resolve("prometheus.yml"),
                liveConfig(ports, prometheusPort, nodeExporterPort, cadvisorPort));
        processes.add(new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start());
        awaitReady();

        runLoad();
        // Two more rule evaluations and scrapes after the load, so the last window holds it all.
        Thread.sleep(6_000);
        System.out.println("Responses during the load: " + statuses);
    }

    @AfterAll
    void stopEverything() {
        processes.forEach(Process::destroy);
        if (cadvisor != null) {
            cadvisor.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void everyDashboardAndRecordingRuleExpressionReturnsData() {
        List<Expressions.Expression> expressions = new ArrayList<>();
        Tools.dashboards().forEach(dashboard -> expressions.addAll(Expressions.ofDashboard(dashboard)));
        Tools.ruleFiles().forEach(rules -> expressions.addAll(Expressions.ofRecordingRules(rules)));

        List<String> empty = new ArrayList<>();
        for (Expressions.Expression expression : expressions) {
            if (query(expression.promql()).isEmpty()) {
                empty.add(expression.source() + ": " + expression.promql());
            }
        }
        System.out.printf("%d of %d dashboard and recording-rule expressions returned data%n",
                expressions.size() - empty.size(), expressions.size());

        assertThat(expressions).hasSizeGreaterThan(100);
        assertThat(empty).as("expressions that returned no data").isEmpty();
    }

    @Test
    void theRedisOutageShowsAsCacheErrorsAndFailOpenLimits() {
        assertThat(query("sum(library_cache_errors_total{application=\"book-service\"}) > 0")).isNotEmpty();
        assertThat(query("sum(library_gateway_ratelimit_total{outcome=\"fail_open\"}) > 0")).isNotEmpty();
    }

    @Test
    void bothServicesOnMongoDbPublishCommandLatencyBuckets() {
        // The API dashboard's MongoDB p95 per service needs buckets from each of them.
        for (String service : List.of("auth-service", "book-service")) {
            assertThat(query("mongodb_driver_commands_seconds_bucket{application=\"" + service + "\"}")).as(service).isNotEmpty();
        }
    }

    @Test
    void theServicesCarryTheLabelsKubernetesDiscoveryWouldAdd() {
        JsonNode result = query("count by (namespace, pod, container, application) (jvm_info)");
        assertThat(result.valueStream().map(series -> series.get("metric").get("container").asString()))
                .containsExactlyInAnyOrder("gateway", "auth-service", "book-service");
        result.forEach(series -> assertThat(series.get("metric").get("application").asString())
                .isEqualTo(series.get("metric").get("container").asString()));
    }

    @Test
    void cadvisorCgroupLevelSeriesAreDroppedAtScrapeTime() {
        assertThat(cadvisor.scrapes()).isGreaterThan(2);
        assertThat(query("count by (namespace, pod, container) (container_cpu_usage_seconds_total)")).hasSize(7);
        assertThat(query("container_cpu_usage_seconds_total{container=\"\"}")).isEmpty();
        assertThat(query("container_memory_working_set_bytes{image=\"\"}")).isEmpty();
        // network exists per pod only: kept once per pod (its cgroup level), never for the sandbox
        assertThat(query("container_network_receive_bytes_total")).hasSize(7);
        assertThat(query("container_network_receive_bytes_total{image!=\"\"}")).isEmpty();
    }

    @Test
    void cadvisorSeriesCarryNoContainerIdSoTheySurviveARestart() {
        assertThat(query("container_start_time_seconds")).isNotEmpty();
        assertThat(query("{job=\"kubelet-cadvisor\", id!=\"\"}")).isEmpty();
        assertThat(query("{job=\"kubelet-cadvisor\", name!=\"\"}")).isEmpty();
    }

    /** prometheus-local.yml on this test's ports, scraping every 2 s, plus the cluster's cAdvisor job on the fixture. */
    @SuppressWarnings("unchecked")
    private static String liveConfig(Stack.Ports ports, int prometheusPort, int nodeExporterPort, int cadvisorPort) {
        String local = read(Tools.PROMETHEUS_DIR.resolve("prometheus-local.yml"))
                .replace("127.0.0.1:9080", "127.0.0.1:" + ports.gatewayManagement())
                .replace("127.0.0.1:9081", "127.0.0.1:" + ports.authManagement())
                .replace("127.0.0.1:9082", "127.0.0.1:" + ports.bookManagement())
                .replace("127.0.0.1:9090", "127.0.0.1:" + prometheusPort)
                .replace("127.0.0.1:9100", "127.0.0.1:" + nodeExporterPort);
        Map<String, Object> config = new Yaml().load(local);
        config.put("global", Map.of("scrape_interval", "2s", "evaluation_interval", "2s"));
        config.put("rule_files", List.of(Tools.RULES_DIR.resolve("*.yml").toString()));

        Map<String, Object> cluster = new Yaml().load(read(Tools.PROMETHEUS_DIR.resolve("prometheus.yml")));
        Map<String, Object> kubelet = ((List<Map<String, Object>>) cluster.get("scrape_configs")).stream()
                .filter(job -> "kubelet-cadvisor".equals(job.get("job_name"))).findFirst().orElseThrow();
        Map<String, Object> fixtureJob = new HashMap<>();
        fixtureJob.put("job_name", "kubelet-cadvisor");
        fixtureJob.put("metrics_path", kubelet.get("metrics_path"));
        fixtureJob.put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + cadvisorPort),
                "labels", Map.of("node", "k3s-node-1", "instance", "k3s-node-1"))));
        fixtureJob.put("metric_relabel_configs", kubelet.get("metric_relabel_configs"));
        ((List<Object>) config.get("scrape_configs")).add(fixtureJob);
        // The recorded kube-state-metrics scrape, under the cluster's job name.
        ((List<Object>) config.get("scrape_configs")).add(Map.of("job_name", "kube-state-metrics",
                "metrics_path", CadvisorFixtureServer.KUBE_STATE_METRICS_PATH,
                "static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + cadvisorPort)))));

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }

    /** Reads, lists, creates, misses and signs in through the gateway; Redis stops for a while in the middle. */
    private void runLoad() throws Exception {
        HttpApi gateway = new HttpApi(stack.gatewayUrl());
        String token = signIn(gateway);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // The first calls through a cold gateway may time out: try each book a few times.
            for (int attempt = 0; attempt < 3; attempt++) {
                HttpApi.Response created = gateway.post("/api/books", HttpApi.json("title", "Monitoring book " + i,
                        "authors", List.of("A. Author"), "isbn", isbn(i), "publishedYear", 2001), "Authorization",
                        HttpApi.bearer(token));
                if (created.status() == 201) {
                    ids.add(created.json().get("id").asString());
                    break;
                }
            }
        }
        assertThat(ids).as("books created for the load").isNotEmpty();

        Instant end = Instant.now().plus(LOAD);
        Instant outageStart = Instant.now().plus(LOAD.dividedBy(3));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread worker = new Thread(() -> {
                while (Instant.now().isBefore(end)) {
                    step(gateway, token, ids);
                }
            }, "load-" + i);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), outageStart).toMillis()));
        redis.stop();
        Thread.sleep(REDIS_OUTAGE.toMillis());
        redis.start();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** The admin's access token; a cold stack may answer the first calls with 503/504. */
    private static String signIn(HttpApi gateway) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        HttpApi.Response response;
        do {
            response = gateway.post("/api/auth/login", HttpApi.json("username", ADMIN, "password", ADMIN_PASSWORD));
            if (response.status() == 200) {
                return response.json().get("access_token").asString();
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("could not sign in through the gateway: " + response.status() + " " + response.body());
    }

    private void step(HttpApi gateway, String token, List<String> ids) {
        String bearer = HttpApi.bearer(token);
        double pick = ThreadLocalRandom.current().nextDouble();
        HttpApi.Response response;
        if (pick < 0.45) {
            response = gateway.get("/api/books/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), "Authorization", bearer);
        } else if (pick < 0.75) {
            response = gateway.get("/api/books?page=0&size=10", "Authorization", bearer);
        } else if (pick < 0.82) {
            response = gateway.get("/api/books/000000000000000000000000", "Authorization", bearer);
        } else if (pick < 0.87) {
            response = gateway.get("/api/books");
        } else if (pick < 0.93) {
            response = gateway.post("/api/auth/login", HttpApi.json("username", "nobody", "password", "wrong password"));
        } else {
            response = gateway.post("/api/auth/login", HttpApi.json("username", ADMIN, "password", ADMIN_PASSWORD));
        }
        statuses.computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
    }

    /** A valid ISBN-13 per index (978 + 9 digits + check digit). */
    private static String isbn(int index) {
        String digits = "978" + String.format("%09d", 100_000_000 + index * 7919);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits + (10 - sum % 10) % 10;
    }

    private JsonNode query(String promql) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .build();
            JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(answer.get("status").asString()).as(promql + ": " + answer).isEqualTo("success");
            return answer.get("data").get("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(prometheus + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus did not become ready within 60 s");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
