package dev.library.operator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar operator.jar} runs the operator against the current kubeconfig (or in-cluster);
 * {@code java -jar operator.jar render FILE} prints what it would create for a Library.
 *
 * <p>Environment: {@code MANAGEMENT_SERVER_PORT} (9083), {@code WATCH_NAMESPACES} (comma-separated;
 * empty: all), {@code LEADER_ELECTION} (true in a cluster, false otherwise), {@code POD_NAMESPACE}
 * (where the Lease lives), {@code LEADER_ELECTION_LEASE_NAME} ({@code library-operator}; the chart
 * sets {@code <release>-operator}), {@code LEADER_ELECTION_LIVENESS_BOUND} (2m), {@code LOG_FORMAT}
 * (json or text).
 */
public final class OperatorMain {

    static final int DEFAULT_MANAGEMENT_PORT = 9083;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "render".equals(args[0])) {
            if (args.length != 2) {
                System.err.println("usage: java -jar operator.jar render FILE");
                System.exit(2);
            }
            System.exit(Render.run(Path.of(args[1]), System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("usage: java -jar operator.jar            (run the operator)\n"
                    + "       java -jar operator.jar render FILE");
            System.exit(2);
        }
        run();
    }

    /**
     * The operator's registry with the process and JVM meters a Spring Boot service has too (the
     * dashboards' JVM and process panels read the same names for every pod).
     */
    static PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "library-operator");
        List.of(new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())
                .forEach(binder -> binder.bindTo(registry));
        return registry;
    }

    private static void run() throws Exception {
        PrometheusMeterRegistry registry = meterRegistry();

        KubernetesClient client = new KubernetesClientBuilder().build();
        Set<String> namespaces = Arrays.stream(env("WATCH_NAMESPACES", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
        String identity = env("HOSTNAME", "library-operator-" + java.util.UUID.randomUUID());
        LibraryOperator.LeaderElection leaderElection = Boolean.parseBoolean(env("LEADER_ELECTION", String.valueOf(inCluster)))
                ? LibraryOperator.LeaderElection.of(env("LEADER_ELECTION_LEASE_NAME", LibraryOperator.DEFAULT_LEASE_NAME),
                        System.getenv("POD_NAMESPACE"),
                        duration(env("LEADER_ELECTION_LIVENESS_BOUND", LibraryOperator.DEFAULT_LIVENESS_BOUND.toSeconds() + "s")))
                : null;
        LibraryOperator.Running running = LibraryOperator.build(client, true, registry, namespaces, leaderElection,
                Clock.systemUTC(), identity);
        Operator operator = running.operator();
        int port = Integer.parseInt(env("MANAGEMENT_SERVER_PORT", String.valueOf(DEFAULT_MANAGEMENT_PORT)));
        ManagementServer management = new ManagementServer(port, registry, running::alive, running::ready,
                running.reconciler()::pruneMetrics);
        Runtime.getRuntime().addShutdownHook(new Thread(management::close, "management-stop"));
        operator.installShutdownHook(SHUTDOWN_GRACE);
        log.info("library-operator {} starting: API server {}, namespaces {}, leader election {}, management port {}",
                OperatorVersion.get(), client.getMasterUrl(), namespaces.isEmpty() ? "all" : namespaces,
                leaderElection == null ? "off" : "Lease " + leaderElection.leaseName(), port);
        operator.start();
    }

    /** "90s" or "2m", as the chart's values write it. */
    static Duration duration(String text) {
        String value = text.trim();
        if (value.matches("[0-9]+s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.matches("[0-9]+m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        throw new IllegalArgumentException("not a duration like 90s or 2m: " + text);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
