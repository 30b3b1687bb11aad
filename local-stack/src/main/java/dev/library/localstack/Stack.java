package dev.library.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.library.wiring.Component;
import dev.library.wiring.JvmOptions;
import dev.library.wiring.Setting;

/**
 * The three services wired together as on Kubernetes (the wiring is {@link Component}'s), each its
 * own JVM, started in dependency order ({@link Component#startWaves()}) against stores the
 * caller provides. Used by {@code ./run} and by the end-to-end tests, which also stop and restart
 * single services.
 */
public final class Stack implements AutoCloseable {

    public static final String AUTH_SERVICE = Component.AUTH_SERVICE.id();
    public static final String BOOK_SERVICE = Component.BOOK_SERVICE.id();
    public static final String GATEWAY = Component.GATEWAY.id();
    /** Where services listen unless the environment given to the stack names another address. */
    static final String LOOPBACK = "127.0.0.1";
    /** In a JVM option, replaced by the name of the service it is given to (book-service-2...). */
    public static final String SERVICE_NAME = "{service}";
    // How long a service may take to become ready; a machine shared with other heavy work may need more.
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("LIBRARY_READY_TIMEOUT_SECONDS", "180")));

    /** Where everything listens. */
    public record Ports(int gateway, int gatewayManagement, int auth, int authManagement, int book,
            int bookManagement) {

        /** Further book-service instances (index 2, 3...) listen 100 ports above the first, per instance. */
        static final int INSTANCE_PORT_STEP = 100;

        public int bookInstance(int index) {
            return book + INSTANCE_PORT_STEP * (index - 1);
        }

        public int bookInstanceManagement(int index) {
            return bookManagement + INSTANCE_PORT_STEP * (index - 1);
        }

        /**
         * Where instance {@code index} of {@code count} listens. book-service: the first on its port,
         * the next 100 above. Gateway and auth-service: alone on their port; as several, nginx takes
         * that port and instance i listens 100 x i above it.
         */
        int instance(Component component, int index, int count) {
            if (component == Component.BOOK_SERVICE) {
                return bookInstance(index);
            }
            return count == 1 ? api(component) : api(component) + INSTANCE_PORT_STEP * index;
        }

        int instanceManagement(Component component, int index, int count) {
            if (component == Component.BOOK_SERVICE) {
                return bookInstanceManagement(index);
            }
            return count == 1 ? management(component) : management(component) + INSTANCE_PORT_STEP * index;
        }

        public static Ports defaults() {
            return new Ports(Component.GATEWAY.apiPort(), Component.GATEWAY.managementPort(),
                    Component.AUTH_SERVICE.apiPort(), Component.AUTH_SERVICE.managementPort(),
                    Component.BOOK_SERVICE.apiPort(), Component.BOOK_SERVICE.managementPort());
        }

        int api(Component component) {
            return switch (component) {
                case GATEWAY -> gateway;
                case AUTH_SERVICE -> auth;
                case BOOK_SERVICE -> book;
            };
        }

        int management(Component component) {
            return switch (component) {
                case GATEWAY -> gatewayManagement;
                case AUTH_SERVICE -> authManagement;
                case BOOK_SERVICE -> bookManagement;
            };
        }

        /** Every port {@code offset} higher: a second stack beside a running one. */
        public Ports shifted(int offset) {
            return new Ports(gateway + offset, gatewayManagement + offset, auth + offset, authManagement + offset,
                    book + offset, bookManagement + offset);
        }

        /** Free loopback ports, for tests that must not collide with a running ./run. */
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * @param home        the repository root (where the service jars are built)
     * @param dataDir     where the services keep files (signing keys) and logs
     * @param mongoUri    the MongoDB every service uses (each its own database)
     * @param redisUrl    the Redis every service uses
     * @param environment extra environment for every service (admin credentials, limits...)
     * @param jvmOptions  JVM options for every service ({@value #SERVICE_NAME} in one stands for the service's name)
     * @param bookServiceInstances how many book-service processes the gateway spreads calls over
     * @param authServiceInstances how many auth-service processes (more than one: behind nginx)
     * @param gatewayInstances     how many gateway processes (more than one: behind nginx)
     */
    public record Config(Path home, Path dataDir, String mongoUri, String redisUrl, Ports ports,
            Map<String, String> environment, List<String> jvmOptions, int bookServiceInstances,
            int authServiceInstances, int gatewayInstances) {

        /** One gateway and one auth-service. */
        public Config(Path home, Path dataDir, String mongoUri, String redisUrl, Ports ports,
                Map<String, String> environment, List<String> jvmOptions, int bookServiceInstances) {
            this(home, dataDir, mongoUri, redisUrl, ports, environment, jvmOptions, bookServiceInstances, 1, 1);
        }

        int instances(Component component) {
            return switch (component) {
                case GATEWAY -> gatewayInstances;
                case AUTH_SERVICE -> authServiceInstances;
                case BOOK_SERVICE -> bookServiceInstances;
            };
        }

        /** One book-service instance, as on a cluster with one replica. */
        public Config(Path home, Path dataDir, String mongoUri, String redisUrl, Ports ports,
                Map<String, String> environment, List<String> jvmOptions) {
            this(home, dataDir, mongoUri, redisUrl, ports, environment, jvmOptions, 1);
        }
    }

    private final Config config;
    private volatile LocalBalancer balancer;
    private final Map<String, ServiceProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    public Stack(Config config) {
        this.config = config;
    }

    /**
     * Starts auth-service, book-service and the gateway, each once the previous is ready. On
     * failure, what was started is stopped; {@link #close()} may also be called meanwhile.
     */
    public void start(PrintStream progress) throws IOException, InterruptedException {
        try {
            launchAll(progress);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void launchAll(PrintStream progress) throws IOException, InterruptedException {
        // Component.startWaves(): auth-service and book-service need only the stores (book-service
        // fetches the keys on its first request), so they start side by side; the gateway routes to
        // both, so it comes last, behind the balancer when there are several instances.
        List<List<Component>> waves = Component.startWaves();
        for (int wave = 0; wave < waves.size(); wave++) {
            if (wave == 1) {
                startBalancer(progress);
            }
            launchSideBySide(waves.get(wave), progress);
        }
    }

    /** Every instance of each component, the components side by side, the instances one after another. */
    private void launchSideBySide(List<Component> components, PrintStream progress)
            throws IOException, InterruptedException {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (Component other : components.subList(1, components.size())) {
            others.add(CompletableFuture.runAsync(() -> {
                for (int index = 1; index <= config.instances(other); index++) {
                    launchUnchecked(other, index, progress);
                }
            }));
        }
        Component first = components.get(0);
        for (int index = 1; index <= config.instances(first); index++) {
            launch(first, index, progress);
        }
        try {
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** nginx on the usual port of every service run as several instances (gateway, auth-service). */
    private void startBalancer(PrintStream progress) throws IOException, InterruptedException {
        List<LocalBalancer.Upstream> upstreams = new ArrayList<>();
        for (Component component : List.of(Component.AUTH_SERVICE, Component.GATEWAY)) {
            int count = config.instances(component);
            if (count > 1) {
                List<Integer> ports = new ArrayList<>();
                for (int index = 1; index <= count; index++) {
                    ports.add(config.ports().instance(component, index, count));
                }
                upstreams.add(new LocalBalancer.Upstream(component.id().replace('-', '_'), config.ports().api(component), ports));
            }
        }
        if (!upstreams.isEmpty()) {
            progress.println("Starting nginx in front of " + upstreams.stream().map(LocalBalancer.Upstream::name).toList()
                    + " ...");
            balancer = LocalBalancer.start(upstreams, config.dataDir());
        }
    }

    /** The environment of one component: the caller's extras, then the wiring's settings on top. */
    Map<String, String> environment(Component component) {
        Ports ports = config.ports();
        String authUrl = apiUrl(Component.AUTH_SERVICE);
        String issuer = config.environment().getOrDefault(Setting.TOKEN_ISSUER.variable(),
                "http://localhost:" + ports.auth());
        Map<String, String> environment = new HashMap<>(config.environment());
        // This machine only, unless the caller says otherwise: actuators and introspection are not for the network.
        environment.putIfAbsent(Setting.SERVER_ADDRESS.variable(), LOOPBACK);
        environment.putIfAbsent(Setting.MANAGEMENT_SERVER_ADDRESS.variable(), LOOPBACK);
        environment.putAll(component.environment(setting -> switch (setting) {
            case MONGODB_URI -> config.mongoUri();
            case REDIS_URL -> config.redisUrl();
            case DATA_DIR -> config.dataDir().toString();
            case TOKEN_ISSUER -> issuer;
            case JWKS_URI -> Component.jwksUri(authUrl);
            case INTROSPECTION_URI -> Component.introspectionUri(authUrl);
            case AUTH_SERVICE_URI -> authUrl;
            case BOOK_SERVICE_URI -> bookServiceUrls();
            // the rest keep the services' defaults unless the caller's environment sets them
            default -> null;
        }));
        return environment;
    }

    /** Every book-service instance's URL, comma-separated: the gateway spreads calls over them. */
    private String bookServiceUrls() {
        List<String> urls = new ArrayList<>();
        for (int index = 1; index <= config.bookServiceInstances(); index++) {
            urls.add("http://127.0.0.1:" + config.ports().bookInstance(index));
        }
        return String.join(",", urls);
    }

    private String apiUrl(Component component) {
        return "http://127.0.0.1:" + config.ports().api(component);
    }

    private void launchUnchecked(Component component, int instance, PrintStream progress) {
        try {
            launch(component, instance, progress);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts one instance of a component; instance 2, 3... get the next ports and a suffixed name. */
    private void launch(Component component, int instance, PrintStream progress) throws IOException, InterruptedException {
        String module = component.id();
        String name = instance == 1 ? module : module + "-" + instance;
        int count = config.instances(component);
        int port = config.ports().instance(component, instance, count);
        int managementPort = config.ports().instanceManagement(component, instance, count);
        Path jar = config.home().resolve(module).resolve("target").resolve(module + ".jar");
        List<String> jvmOptions = JvmOptions.forComponent(jvmOptions(name), component);
        if (jvmOptions.stream().anyMatch(Stack::usesClassDataSharing) && Files.isRegularFile(jar)) {
            // An archive holds only classes from plain jars: run the extracted layout (see ExtractedJar).
            jar = ExtractedJar.current(jar, config.dataDir().resolve("cds").resolve(module), javaCommand());
            jvmOptions = JvmOptions.useArchiveIfCurrent(jvmOptions, jar);
        }
        ServiceProcess service = new ServiceProcess(name, jar, port, managementPort, config.dataDir().resolve("logs"),
                javaCommand(), jvmOptions, environment(component));
        services.put(name, service);
        progress.println("Starting " + name + " (log: " + service.logFile() + ") ...");
        service.start(READY_TIMEOUT);
    }

    private static boolean usesClassDataSharing(String option) {
        return option.startsWith("-XX:SharedArchiveFile=") || option.startsWith("-XX:ArchiveClassesAtExit=");
    }

    /** The JVM options of the service named {@code name}: the configured ones, {@value #SERVICE_NAME} replaced. */
    List<String> jvmOptions(String name) {
        return config.jvmOptions().stream().map(option -> option.replace(SERVICE_NAME, name)).toList();
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess service = service(name);
        service.stop();
        service.start(READY_TIMEOUT);
    }

    /** The gateway's public URL (nginx's when there are several gateways). */
    public String gatewayUrl() {
        return apiUrl(Component.GATEWAY);
    }

    /** Stops every service, in reverse order of start. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
        if (balancer != null) {
            balancer.close();
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
