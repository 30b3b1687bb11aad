package dev.library.localstack;

import java.nio.file.Path;
import java.util.Map;

import dev.library.wiring.JvmOptions;

/**
 * The command line of {@code ./run} plus the environment it honours. Everything has a default
 * that works on a fresh machine with only a JDK.
 */
record StackOptions(Path home, Path dataDir, String mongoUri, String redisUrl, int mongoPort, int redisPort,
        int portOffset, int seed, int bookServiceInstances, int authServiceInstances, int gatewayInstances,
        boolean help, boolean monitoring, String bindAddress) {

    static final String USAGE = """
            Usage: ./run [--data-dir DIR] [--seed N] [--book-service-instances N] [--monitoring]
                         [--auth-service-instances N] [--gateway-instances N] [--bind-address ADDRESS]
                   ./run [--data-dir DIR] ctl status|stop|start|restart NAME|rollout SERVICE

            Starts MongoDB (embedded, persistent), Redis and the library services on this machine,
            waits until all are healthy, and stops them all on Ctrl-C.

              --data-dir DIR   where data, keys, the admin password and logs live (default: .data)
              --seed N         once everything is up, create N random books (1 to 100000) through the
                               API; books already there are skipped
              --book-service-instances N
                               start N book-service instances (1 to 4, default 1); the gateway calls
                               them round robin. Instance i listens on 8082 + 100*(i-1), its
                               actuator on 9082 + 100*(i-1) (see docs/scale-out.md)
              --auth-service-instances N, --gateway-instances N
                               run N instances (1 to 4, default 1) behind nginx, which takes the
                               service's usual port (8081, 8080); instance i listens 100 x i above
                               it (8180, 8280 ...; actuators 9180, 9280 ...). Needs nginx (Debian:
                               apt-get install nginx). Lets ./run ctl rollout roll every tier
              --monitoring     also start Prometheus (:9090) and node-exporter (:9100) when installed
                               (Debian: apt-get install prometheus prometheus-node-exporter)
              --bind-address ADDRESS
                               where the services and their actuators listen (default 127.0.0.1,
                               this machine only: actuators and /internal/introspect are not for
                               the network); 0.0.0.0 opens them to every interface. Also
                               LIBRARY_BIND_ADDRESS
              --help           this text

            A service that exits on its own is reported and started again (1 s, 2 s ... 30 s later).
            ./run ctl controls a running stack: ./run ctl --help.

            Environment:
              MONGODB_URI      use this MongoDB instead of starting the embedded one
              REDIS_URL        use this Redis instead of starting one
              MONGODB_PORT     port of the embedded MongoDB (default 27017)
              REDIS_PORT       port of the started Redis (default 6379)
              LIBRARY_PORT_OFFSET
                               added to every default port (services, actuators, stores), so a
                               second stack can run on a shared machine: 10000 -> gateway on 18080
              LIBRARY_ADMIN_USERNAME / LIBRARY_ADMIN_PASSWORD
                               the bootstrap admin (default: admin, with a password generated once)
              LIBRARY_JAVA_OPTS JVM options for each service ({service} stands for its name). Default:
                               %s (auth-service: %s),
                               native-heap trimming where the JDK has it, and a class-data sharing
                               archive per service in DATA_DIR/cds (made at the first stop, faster
                               starts after; the services then run from jars extracted there)
              LIBRARY_READY_TIMEOUT_SECONDS
                               how long each service may take to become ready (default 180)
            """.formatted(String.join(" ", JvmOptions.FIXED) + " " + JvmOptions.HOST_INITIAL_HEAP + " " + JvmOptions.HOST_HEAP,
                    JvmOptions.AUTH_SERVICE_HOST_HEAP);

    private static final int DEFAULT_MONGO_PORT = 27017;
    private static final int DEFAULT_REDIS_PORT = 6379;
    /** Loopback: a local stack is for this machine, never for the network it is on. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    private static final int MAX_SEED = 100_000;
    private static final int MAX_INSTANCES = 4;
    /** The highest default port (27017) plus this stays a valid port. */
    private static final int MAX_PORT_OFFSET = 38_000;

    static StackOptions parse(String[] args, Path home, Map<String, String> env) {
        Path dataDir = home.resolve(".data");
        boolean help = false;
        boolean monitoring = false;
        int seed = 0;
        int bookServiceInstances = 1;
        int authServiceInstances = 1;
        int gatewayInstances = 1;
        String bindAddress = env.getOrDefault("LIBRARY_BIND_ADDRESS", "").isBlank() ? DEFAULT_BIND_ADDRESS
                : env.get("LIBRARY_BIND_ADDRESS").strip();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--data-dir needs a directory");
                    }
                    dataDir = Path.of(args[++i]);
                }
                case "--seed" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--seed needs a number of books");
                    }
                    seed = seedCount(args[++i]);
                }
                case "--book-service-instances" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--book-service-instances needs a number");
                    }
                    bookServiceInstances = instances("--book-service-instances", args[++i]);
                }
                case "--auth-service-instances", "--gateway-instances" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a number");
                    }
                    int count = instances(args[i], args[i + 1]);
                    if (args[i++].equals("--gateway-instances")) {
                        gatewayInstances = count;
                    } else {
                        authServiceInstances = count;
                    }
                }
                case "--bind-address" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new IllegalArgumentException("--bind-address needs an address, e.g. 127.0.0.1");
                    }
                    bindAddress = args[++i];
                }
                case "--monitoring" -> monitoring = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        int offset = portOffset(env);
        return new StackOptions(home, dataDir.toAbsolutePath().normalize(), blankToNull(env.get("MONGODB_URI")),
                blankToNull(env.get("REDIS_URL")), port(env, "MONGODB_PORT", DEFAULT_MONGO_PORT + offset),
                port(env, "REDIS_PORT", DEFAULT_REDIS_PORT + offset), offset, seed, bookServiceInstances,
                authServiceInstances, gatewayInstances, help, monitoring, bindAddress);
    }

    private static int seedCount(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= MAX_SEED) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--seed takes a number of books from 1 to " + MAX_SEED + ", not '" + value + "'");
    }

    private static int instances(String option, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= MAX_INSTANCES) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a number from 1 to " + MAX_INSTANCES + ", not '" + value + "'");
    }

    private static int portOffset(Map<String, String> env) {
        String value = blankToNull(env.get("LIBRARY_PORT_OFFSET"));
        if (value == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0 && offset <= MAX_PORT_OFFSET) {
                return offset;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("LIBRARY_PORT_OFFSET must be a number from 0 to " + MAX_PORT_OFFSET
                + ", not '" + value + "'");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
