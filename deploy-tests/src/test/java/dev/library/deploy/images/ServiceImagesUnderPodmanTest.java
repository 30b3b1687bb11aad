package dev.library.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.library.deploy.Project;
import dev.library.stores.embedded.FreePorts;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * The three service images, built by the parent pom's `images` profile on the local stand-in base
 * (images/build-local-base), run under podman with exactly the restrictions their pods get:
 * read-only root with a tmpfs /tmp, uid 10001, every capability dropped, no privilege escalation,
 * and the chart's default memory limit. A user's journey goes through the gateway container.
 * Each container's start-up time and memory are printed, with the JDK's CDS archive (the images'
 * default) and without it (-Xshare:off), for docs/kubernetes.md.
 *
 * <p>The gateway's image is built by images/build-with-aot-cache, so it also carries an application
 * AOT cache (JEP 483/514/515) made by a training run of that image; the tests show the JVM maps it,
 * and refuses a cache that does not match under -XX:AOTMode=on. Only one service gets the training
 * pass here, to keep {@code ./mvnw verify} short; the script does the others the same way.
 *
 * <p>The stores run on the host (the in-process MongoDB-protocol server and redis-server on
 * loopback); the containers share the host's network to reach them on free ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceImagesUnderPodmanTest {

    private static final List<String> SERVICES = List.of("auth-service", "book-service", "gateway");
    /** The service whose image is built with its AOT cache. */
    private static final String AOT_SERVICE = "gateway";
    private static final String AOT_CACHE_FLAG = "-XX:AOTCache=/app/" + AOT_SERVICE + ".aot";
    private static final String ADMIN = "podman-admin";
    private static final String ADMIN_PASSWORD = "podman admin password";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Podman podman;
    private static String memoryLimit;
    private static final Map<String, String> images = new LinkedHashMap<>();
    private static final Map<String, List<String>> entrypoints = new LinkedHashMap<>();
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private static final List<String> containers = new ArrayList<>();
    private static final String runId = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void buildImages() throws IOException {
        Path home = Project.home();
        Project.requireTool("runc");
        podman = new Podman(Project.requireTool("podman"), home.resolve("images/containers.conf"));
        memoryLimit = chartDefaultMemoryLimit(home);

        String baseTar = Podman.exec(List.of(home.resolve("images/build-local-base").toString()),
                Map.of("CONTAINERS_CONF", home.resolve("images/containers.conf").toString()), 600, home).strip();
        baseTar = baseTar.lines().reduce((first, last) -> last).orElseThrow();
        List<String> withoutCache = SERVICES.stream().filter(service -> !service.equals(AOT_SERVICE)).toList();
        Podman.exec(List.of(home.resolve("mvnw").toString(), "-q", "-B", "-Pimages", "-pl", String.join(",", withoutCache),
                "-am", "package", "-Dmaven.test.skip=true", "-Djib.from.image=tar://" + baseTar), Map.of(), 900, home);
        System.out.println(Podman.exec(List.of(home.resolve("images/build-with-aot-cache").toString(), "--services",
                AOT_SERVICE, "-Djib.from.image=tar://" + baseTar),
                Map.of("CONTAINERS_CONF", home.resolve("images/containers.conf").toString()), 1800, home));
        for (String service : SERVICES) {
            Path tar = home.resolve(service).resolve("target/image.tar");
            String loaded = podman.run(300, List.of("load", "-q", "-i", tar.toString()));
            Matcher image = Pattern.compile("Loaded image(?:\\(s\\))?: (\\S+)").matcher(loaded);
            assertThat(image.find()).as(loaded).isTrue();
            images.put(service, image.group(1).split(",")[0]);
            List<String> entrypoint = new ArrayList<>();
            new YAMLMapper().readTree(podman.run("image", "inspect", "--format", "{{json .Config.Entrypoint}}",
                    images.get(service))).forEach(argument -> entrypoint.add(argument.asText()));
            entrypoints.put(service, List.copyOf(entrypoint));
            System.out.printf("image %s: %s, tarball %.1f MB, %s%n", service, images.get(service),
                    Files.size(tar) / 1e6, podman.run("image", "inspect", "--format", "{{.Size}} bytes unpacked",
                            images.get(service)).strip());
            ports.put(service, FreePorts.find());
            managementPorts.put(service, FreePorts.find());
        }
    }

    @AfterAll
    static void removeContainers() {
        for (String container : containers) {
            try {
                podman.run("rm", "-f", "-t", "5", container);
            } catch (AssertionError e) {
                System.out.println("could not remove " + container + ": " + e.getMessage());
            }
        }
    }

    @Test
    @Order(1)
    void theImagesRunAsUid10001WithTheContainerJvmFlags() {
        for (String service : SERVICES) {
            String config = podman.run("image", "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}} {{.Config.Env}}",
                    images.get(service));
            assertThat(config).startsWith("10001:10001").contains("-XX:+UseSerialGC", "-Xss512k",
                    "-XX:MaxDirectMemorySize=64m", "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=60");
            String labels = podman.run("image", "inspect", "--format", "{{json .Labels}}", images.get(service));
            assertThat(labels).contains("org.opencontainers.image.source", "org.opencontainers.image.version",
                    "org.opencontainers.image.revision");
        }
        assertThat(entrypoints.get(AOT_SERVICE)).contains(AOT_CACHE_FLAG);
    }

    @Test
    @Order(2)
    void theGatewayJvmMapsTheAotCacheOfItsImage() {
        // -XX:AOTMode=on: the JVM exits with an error unless it can use the cache; -Xlog:aot says what it mapped.
        String output = runToRefresh(entrypoints.get(AOT_SERVICE), "-XX:AOTMode=on -Xlog:aot");
        assertThat(output).contains("Opened AOT cache /app/" + AOT_SERVICE + ".aot.", "Using AOT-linked classes: true")
                .doesNotContain("[error]");
    }

    @Test
    @Order(3)
    void anAotCacheTheJvmCannotUseFailsTheStartUnderAotModeOn() {
        // The same cache with one setting it was not made for (compressed object pointers off).
        List<String> mismatched = new ArrayList<>(entrypoints.get(AOT_SERVICE));
        mismatched.add(mismatched.indexOf(AOT_CACHE_FLAG) + 1, "-XX:-UseCompressedOops");
        Podman.Outcome outcome = podman.attempt(300, runToRefreshCommand(mismatched, "-XX:AOTMode=on"));
        assertThat(outcome.exitStatus()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("Unable to use AOT cache").doesNotContain("Started ");
    }

    /** The service's container run until its Spring context has refreshed (then it exits), with extra JVM options. */
    private static String runToRefresh(List<String> entrypoint, String jvmOptions) {
        return podman.run(300, runToRefreshCommand(entrypoint, jvmOptions));
    }

    private static List<String> runToRefreshCommand(List<String> entrypoint, String jvmOptions) {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--network=host", "--read-only", "--tmpfs",
                "/tmp:rw,exec,nosuid,nodev,size=64m,mode=1777", "--user", "10001:10001", "--cap-drop=ALL",
                "--security-opt=no-new-privileges", "--memory=" + memoryLimit, "--memory-swap=" + memoryLimit,
                "-e", "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=60 " + jvmOptions + " -Dspring.context.exit=onRefresh",
                "-e", "SERVER_PORT=0", "-e", "MANAGEMENT_SERVER_PORT=0",
                "-e", "MONGODB_URI=" + TestStores.mongoUri("podman"), "-e", "REDIS_URL=" + TestStores.redisUrl(),
                "--entrypoint", toJson(entrypoint), images.get(AOT_SERVICE)));
        return command;
    }

    @Test
    @Order(4)
    void aUserJourneyPassesThroughTheGatewayContainerUnderPodRestrictions() throws Exception {
        Map<String, Measurement> measurements = startAll("image", Map.of(), false);
        try {
            journey(measurements);
        } finally {
            stopAll();
        }
    }

    private void journey(Map<String, Measurement> measurements) {
        HttpApi gateway = new HttpApi("http://127.0.0.1:" + ports.get("gateway"));

        String reader = "reader-" + runId;
        assertThat(gateway.post("/api/auth/signup", HttpApi.json("username", reader, "password", "a reader's password"))
                .status()).isEqualTo(201);
        HttpApi.Response login = gateway.post("/api/auth/login", HttpApi.json("username", reader, "password",
                "a reader's password"));
        assertThat(login.status()).isEqualTo(200);
        String readerToken = login.json().get("access_token").asString();
        assertThat(gateway.get("/api/books", "Authorization", HttpApi.bearer(readerToken)).status()).isEqualTo(200);

        String adminToken = gateway.post("/api/auth/login", HttpApi.json("username", ADMIN, "password", ADMIN_PASSWORD))
                .json().get("access_token").asString();
        HttpApi.Response created = gateway.post("/api/books", HttpApi.json("title", "Read-only roots", "authors",
                List.of("Pod Man"), "isbn", "9780306406157", "publishedYear", 2024), "Authorization",
                HttpApi.bearer(adminToken));
        assertThat(created.status()).isEqualTo(201);
        assertThat(gateway.get("/api/books/" + created.json().get("id").asString(), "Authorization",
                HttpApi.bearer(readerToken)).json().get("title").asString()).isEqualTo("Read-only roots");
        assertThat(gateway.get("/.well-known/jwks.json").status()).isEqualTo(200);

        report("as the images are built (" + AOT_SERVICE + " with its AOT cache, the others with the JDK's CDS "
                + "archive), after the journey", measurements);
    }

    @Test
    @Order(5)
    void withOnlyTheJdkCdsArchiveTheServicesStillStart() throws Exception {
        Map<String, Measurement> measurements = startAll("cds", Map.of(), true);
        try {
            assertThat(new HttpApi("http://127.0.0.1:" + ports.get("gateway")).get("/api/ping").status()).isEqualTo(200);
            report("with the JDK's CDS archive only (entrypoint without " + AOT_CACHE_FLAG + "), idle after start",
                    measurements);
        } finally {
            stopAll();
        }
    }

    @Test
    @Order(6)
    void withoutTheCdsArchiveTheServicesStillStart() throws Exception {
        Map<String, Measurement> measurements = startAll("nocds",
                Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60 -Xshare:off"), true);
        try {
            assertThat(new HttpApi("http://127.0.0.1:" + ports.get("gateway")).get("/api/ping").status()).isEqualTo(200);
            report("without CDS (-Xshare:off), idle after start", measurements);
        } finally {
            stopAll();
        }
    }

    record Measurement(double wallSeconds, String springStarted) {
    }

    /** Starts the three containers; {@code withoutAppCache} drops -XX:AOTCache from the entrypoint. */
    private static Map<String, Measurement> startAll(String variant, Map<String, String> extraEnvironment,
            boolean withoutAppCache) throws InterruptedException {
        try {
            return startEach(variant, extraEnvironment, withoutAppCache);
        } catch (RuntimeException | Error | InterruptedException e) {
            stopAll();
            throw e;
        }
    }

    private static Map<String, Measurement> startEach(String variant, Map<String, String> extraEnvironment,
            boolean withoutAppCache) throws InterruptedException {
        String authUrl = "http://127.0.0.1:" + ports.get("auth-service");
        Map<String, String> common = new LinkedHashMap<>(extraEnvironment);
        common.put("MONGODB_URI", TestStores.mongoUri("podman"));
        common.put("REDIS_URL", TestStores.redisUrl());
        common.put("LIBRARY_AUTH_ISSUER", "http://localhost:" + ports.get("auth-service"));
        common.put("LIBRARY_AUTH_JWKS_URI", authUrl + "/.well-known/jwks.json");
        common.put("LIBRARY_ADMIN_CHECK_INTROSPECTION_URI", authUrl + "/internal/introspect");
        Map<String, Measurement> measurements = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Map<String, String> environment = new LinkedHashMap<>(common);
            environment.put("SERVER_PORT", String.valueOf(ports.get(service)));
            environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPorts.get(service)));
            switch (service) {
                case "auth-service" -> {
                    environment.put("LIBRARY_ADMIN_USERNAME", ADMIN);
                    environment.put("LIBRARY_ADMIN_PASSWORD", ADMIN_PASSWORD);
                }
                case "gateway" -> {
                    environment.put("LIBRARY_GATEWAY_AUTH_SERVICE_URI", authUrl);
                    environment.put("LIBRARY_GATEWAY_BOOK_SERVICE_URI", "http://127.0.0.1:" + ports.get("book-service"));
                    // First calls into cold JVMs on a busy 2-core test machine can take longer than
                    // the production timeout (5 s); this test is about the container, not latency.
                    environment.put("LIBRARY_GATEWAY_RESPONSE_TIMEOUT", "30s");
                }
                default -> {
                }
            }
            List<String> entrypoint = withoutAppCache ? entrypoints.get(service).stream()
                    .filter(argument -> !argument.startsWith("-XX:AOTCache=")).toList() : entrypoints.get(service);
            measurements.put(service, start(service, variant, environment, entrypoint));
        }
        return measurements;
    }

    /** `podman run` with the pod's restrictions, then waits for the readiness probe. */
    private static Measurement start(String service, String variant, Map<String, String> environment,
            List<String> entrypoint) throws InterruptedException {
        String name = "library-test-" + service + "-" + variant + "-" + runId;
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name, "--network=host",
                "--read-only", "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=64m,mode=1777",
                "--user", "10001:10001", "--cap-drop=ALL", "--security-opt=no-new-privileges",
                "--memory=" + memoryLimit, "--memory-swap=" + memoryLimit));
        environment.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
        command.addAll(List.of("--entrypoint", toJson(entrypoint), images.get(service)));
        long started = System.nanoTime();
        podman.run(120, command);
        containers.add(name);
        URI readiness = URI.create("http://127.0.0.1:" + managementPorts.get(service) + "/actuator/health/readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(readiness)) {
                double wall = (System.nanoTime() - started) / 1e9;
                Matcher log = STARTED.matcher(podman.run("logs", name));
                return new Measurement(wall, log.find() ? log.group(1) + " s (JVM " + log.group(2) + " s)" : "?");
            }
            assertThat(podman.run("inspect", "--format", "{{.State.Running}}", name).strip())
                    .as("%s exited:%n%s", name, podman.run("logs", name)).isEqualTo("true");
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + READY_TIMEOUT + ":\n" + podman.run("logs", name));
    }

    private static boolean ready(URI readiness) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void report(String title, Map<String, Measurement> measurements) {
        System.out.println("Service containers under podman, --memory=" + memoryLimit + ", " + title + ":");
        measurements.forEach((service, measurement) -> {
            String name = containers.get(containers.size() - SERVICES.size() + SERVICES.indexOf(service));
            String memory = podman.run("stats", "--no-stream", "--format", "{{.MemUsage}}", name).strip();
            System.out.printf("  %-12s ready after %.1f s (podman run -> readiness 200); Spring started in %s; memory %s%n",
                    service, measurement.wallSeconds(), measurement.springStarted(), memory);
        });
    }

    private static void stopAll() {
        for (String container : List.copyOf(containers)) {
            podman.run("rm", "-f", "-t", "10", container);
            containers.remove(container);
        }
    }

    /** podman's --entrypoint takes a JSON array: the exact arguments, no shell. */
    private static String toJson(List<String> arguments) {
        try {
            return new ObjectMapper().writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** gateway.resources.limits.memory from the chart's values.yaml, in podman's notation (512Mi -> 512m). */
    private static String chartDefaultMemoryLimit(Path home) throws IOException {
        JsonNode values = new YAMLMapper().readTree(home.resolve("helm/library/values.yaml").toFile());
        List<String> limits = SERVICES.stream().map(service -> switch (service) {
            case "auth-service" -> "authService";
            case "book-service" -> "bookService";
            default -> service;
        }).map(key -> values.get(key).get("resources").get("limits").get("memory").asText()).distinct().toList();
        assertThat(limits).as("the test runs every service with one limit").hasSize(1);
        Matcher quantity = Pattern.compile("([0-9]+)(Mi|Gi)").matcher(limits.get(0));
        assertThat(quantity.matches()).as(limits.get(0)).isTrue();
        return quantity.group(1) + (quantity.group(2).equals("Gi") ? "g" : "m");
    }

}
