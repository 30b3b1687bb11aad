package dev.library.wiring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The three services: where each listens, what it needs to be told, which stores and services it
 * talks to, and which must be ready before it starts. ./run's launcher, the e2e stack and the
 * operator all build their wiring from this, so they cannot drift apart.
 */
public enum Component {

    AUTH_SERVICE("auth-service", 8081, 9081, EnumSet.of(Store.MONGODB, Store.REDIS), List.of(), List.of(),
            List.of(Setting.MONGODB_URI, Setting.REDIS_URL, Setting.DATA_DIR, Setting.TOKEN_ISSUER,
                    Setting.ACCESS_TOKEN_TTL, Setting.REFRESH_TOKEN_TTL, Setting.SIGNING_KEYS_DIR,
                    Setting.SIGNING_KEYS_GENERATE_IF_MISSING, Setting.ADMIN_USERNAME, Setting.ADMIN_PASSWORD,
                    Setting.GATEWAY_CIDRS)),

    /**
     * Validates tokens itself; fetches the keys on its first request, so it need not wait for
     * auth-service. Confirms admin tokens with auth-service's introspection before writes.
     */
    BOOK_SERVICE("book-service", 8082, 9082, EnumSet.of(Store.MONGODB, Store.REDIS), List.of(AUTH_SERVICE), List.of(),
            List.of(Setting.MONGODB_URI, Setting.REDIS_URL, Setting.TOKEN_ISSUER, Setting.JWKS_URI,
                    Setting.INTROSPECTION_URI, Setting.GATEWAY_CIDRS)),

    /** The only public entry: routes to both services, so it starts after them. */
    GATEWAY("gateway", 8080, 9080, EnumSet.of(Store.REDIS), List.of(AUTH_SERVICE, BOOK_SERVICE),
            List.of(AUTH_SERVICE, BOOK_SERVICE),
            List.of(Setting.REDIS_URL, Setting.TOKEN_ISSUER, Setting.JWKS_URI, Setting.AUTH_SERVICE_URI,
                    Setting.BOOK_SERVICE_URI, Setting.TRUSTED_PROXIES_REGEX));

    /** Where auth-service publishes its public keys, on its API port. */
    private static final String JWKS_PATH = "/.well-known/jwks.json";
    /** auth-service's token introspection, on its API port but internal: the gateway never routes it. */
    private static final String INTROSPECTION_PATH = "/internal/introspect";

    private final String id;
    private final int apiPort;
    private final int managementPort;
    private final Set<Store> stores;
    private final List<Component> calls;
    private final List<Component> startsAfter;
    private final List<Setting> settings;

    Component(String id, int apiPort, int managementPort, Set<Store> stores, List<Component> calls,
            List<Component> startsAfter, List<Setting> settings) {
        this.id = id;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
        this.stores = Set.copyOf(stores);
        this.calls = calls;
        this.startsAfter = startsAfter;
        this.settings = settings;
    }

    /** The name everywhere: jar, image suffix, Kubernetes name, app.kubernetes.io/name. */
    public String id() {
        return id;
    }

    public int apiPort() {
        return apiPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The stores this component connects to. */
    public Set<Store> stores() {
        return stores;
    }

    /** The components this one sends requests to (on their API ports). */
    public List<Component> calls() {
        return calls;
    }

    /** The components that must be ready before this one starts. */
    public List<Component> startsAfter() {
        return startsAfter;
    }

    /** Every setting this component is given by whoever runs it (ports aside). */
    public List<Setting> settings() {
        return settings;
    }

    /** Whether traffic from outside the system may reach this component's API port. */
    public boolean acceptsOutsideTraffic() {
        return this == GATEWAY;
    }

    /** The components that call this one. */
    public List<Component> callers() {
        return java.util.Arrays.stream(values()).filter(other -> other.calls.contains(this)).toList();
    }

    /**
     * The environment for this component: each of its settings with the value {@code valueOf}
     * gives, in the order of {@link #settings()}. A setting with no value (null) is left out, so
     * the service's default applies.
     */
    public Map<String, String> environment(Function<Setting, String> valueOf) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Setting setting : settings) {
            String value = valueOf.apply(setting);
            if (value != null) {
                environment.put(setting.variable(), value);
            }
        }
        return environment;
    }

    /** auth-service's JWKS address, given the base URL auth-service is reached at. */
    public static String jwksUri(String authServiceUrl) {
        return authServiceUrl + JWKS_PATH;
    }

    /** auth-service's token introspection address (internal: the gateway never routes it). */
    public static String introspectionUri(String authServiceUrl) {
        return authServiceUrl + INTROSPECTION_PATH;
    }

    /**
     * The start order, from {@link #startsAfter()}: waves of components that start side by side, each
     * wave once every component of the waves before it is ready.
     */
    public static List<List<Component>> startWaves() {
        List<List<Component>> waves = new ArrayList<>();
        Set<Component> started = EnumSet.noneOf(Component.class);
        while (started.size() < values().length) {
            List<Component> wave = new ArrayList<>();
            for (Component component : values()) {
                if (!started.contains(component) && started.containsAll(component.startsAfter)) {
                    wave.add(component);
                }
            }
            if (wave.isEmpty()) {
                throw new IllegalStateException("startsAfter() has a cycle among " + EnumSet.complementOf(EnumSet.copyOf(started)));
            }
            started.addAll(wave);
            waves.add(List.copyOf(wave));
        }
        return List.copyOf(waves);
    }

    /** The component named {@code id}. */
    public static Component byId(String id) {
        for (Component component : values()) {
            if (component.id.equals(id)) {
                return component;
            }
        }
        throw new IllegalArgumentException("no component " + id);
    }
}
