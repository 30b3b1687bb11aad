package dev.library.wiring;

/**
 * One value a service is configured with, and the environment variable that carries it. The
 * variables are the services' own (see each application.yaml): a conventional name behind a
 * {@code ${NAME:default}} placeholder, or a key's relaxed-binding form.
 */
public enum Setting {
    /** The API port (server.port). */
    SERVER_PORT("SERVER_PORT"),
    /** The actuator port: probes and metrics, never routed by the gateway. */
    MANAGEMENT_SERVER_PORT("MANAGEMENT_SERVER_PORT"),
    /** The address the API port binds (server.address); unset: every interface, as in a pod. */
    SERVER_ADDRESS("SERVER_ADDRESS"),
    /** The address the actuator port binds (management.server.address); unset: every interface. */
    MANAGEMENT_SERVER_ADDRESS("MANAGEMENT_SERVER_ADDRESS"),
    MONGODB_URI("MONGODB_URI"),
    REDIS_URL("REDIS_URL"),
    /** Where a locally run service keeps files; auth-service's key directory defaults below it. */
    DATA_DIR("LIBRARY_DATA_DIR"),
    /** The {@code iss} auth-service writes and every validator expects. */
    TOKEN_ISSUER("LIBRARY_AUTH_ISSUER"),
    /** Where validators fetch auth-service's public keys. */
    JWKS_URI("LIBRARY_AUTH_JWKS_URI"),
    /** auth-service's token introspection, where book-service confirms admin tokens before writes. */
    INTROSPECTION_URI("LIBRARY_ADMIN_CHECK_INTROSPECTION_URI"),
    ACCESS_TOKEN_TTL("LIBRARY_AUTH_ACCESS_TOKEN_TTL"),
    REFRESH_TOKEN_TTL("LIBRARY_AUTH_REFRESH_TOKEN_TTL"),
    /** auth-service's PEM key directory (in Kubernetes: a mounted Secret). */
    SIGNING_KEYS_DIR("LIBRARY_AUTH_SIGNING_KEYS_DIR"),
    /** Whether auth-service may generate a key into an empty directory (local use only). */
    SIGNING_KEYS_GENERATE_IF_MISSING("LIBRARY_AUTH_SIGNING_KEYS_GENERATE_IF_MISSING"),
    ADMIN_USERNAME("LIBRARY_ADMIN_USERNAME"),
    ADMIN_PASSWORD("LIBRARY_ADMIN_PASSWORD"),
    /** The gateway's upstreams. */
    AUTH_SERVICE_URI("LIBRARY_GATEWAY_AUTH_SERVICE_URI"),
    BOOK_SERVICE_URI("LIBRARY_GATEWAY_BOOK_SERVICE_URI"),
    /** A regex (not a CIDR list) of proxy addresses (an ingress) whose X-Forwarded-* the gateway keeps. */
    TRUSTED_PROXIES_REGEX("LIBRARY_GATEWAY_TRUSTED_PROXIES"),
    /**
     * Comma-separated addresses or CIDRs (not a regex) whose X-Forwarded-For auth-service and
     * book-service believe: where the gateway runs. Without it in a cluster, every caller would share
     * the gateway's address, and one client's failed logins would throttle everybody's.
     */
    GATEWAY_CIDRS("LIBRARY_HTTP_TRUSTED_PROXIES");

    private final String variable;

    Setting(String variable) {
        this.variable = variable;
    }

    /** The environment variable name. */
    public String variable() {
        return variable;
    }
}
