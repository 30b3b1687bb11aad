package dev.library.operator.desired;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

import dev.library.operator.resource.Library;
import dev.library.operator.resource.LibrarySpec;
import dev.library.operator.resource.NetworkSpec;
import dev.library.operator.resource.SecretKeyRef;
import dev.library.operator.resource.StoreMode;
import dev.library.wiring.Component;
import dev.library.wiring.Setting;
import dev.library.wiring.Store;

/**
 * The value of every {@link Setting} in the cluster: a literal (it goes into the component's
 * ConfigMap) or a Secret key (it becomes an env var read from the Secret). Which component gets
 * which setting is the wiring module's business, not this class's.
 */
final class Settings {

    /** Where auth-service finds its PEM keys: the signing-keys Secret, mounted read-only. */
    static final String SIGNING_KEYS_MOUNT = "/etc/library/signing-keys";
    static final String MONGODB_REPLICA_SET = "rs0";
    static final String GENERATED_ADMIN_USERNAME = "admin";

    private final LibrarySpec spec;
    private final Meta meta;

    Settings(Library library, Meta meta) {
        this.spec = library.getSpec();
        this.meta = meta;
    }

    /** In-cluster URL of a component's API (its Service, same namespace). */
    String apiUrl(Component component) {
        return "http://" + meta.name(Part.of(component)) + ":" + component.apiPort();
    }

    String gatewayUrl() {
        if (Boolean.TRUE.equals(spec.ingress.enabled) && notBlank(spec.ingress.host)) {
            return (notBlank(spec.ingress.tlsSecret) ? "https://" : "http://") + spec.ingress.host;
        }
        return "http://" + meta.name(Part.GATEWAY) + "." + meta.namespace() + ".svc:" + Component.GATEWAY.apiPort();
    }

    String issuer() {
        return notBlank(spec.tokens.issuer) ? spec.tokens.issuer : gatewayUrl();
    }

    /**
     * The single member's address, as written in the replica set configuration: its pod's name under
     * the headless Service, with the namespace, so clients in any namespace resolve the host the
     * replica set hands them (`.svc` is completed by the pods' DNS search path, whatever the cluster
     * domain).
     */
    String mongoMemberHost() {
        return meta.name(Part.MONGODB) + "-0." + meta.name(Part.MONGODB) + "." + meta.namespace() + ".svc:"
                + Store.MONGODB.port();
    }

    String adminSecretName() {
        return notBlank(spec.tokens.adminSecret) ? spec.tokens.adminSecret : meta.name("admin");
    }

    String signingKeysSecretName() {
        return notBlank(spec.tokens.signingKeysSecret) ? spec.tokens.signingKeysSecret : meta.name("jwt-signing-keys");
    }

    String redisAuthSecretName() {
        return meta.name("redis-auth");
    }

    /** A literal value, or empty when the setting comes from a Secret or is not set in a cluster. */
    Optional<String> literal(Setting setting) {
        return Optional.ofNullable(switch (setting) {
            case MONGODB_URI -> spec.mongodb.mode == StoreMode.Managed
                    ? "mongodb://" + mongoMemberHost() + "/?replicaSet=" + MONGODB_REPLICA_SET : null;
            case REDIS_URL -> spec.redis.mode == StoreMode.Managed
                    ? "redis://" + meta.name(Part.REDIS) + ":" + Store.REDIS.port() : null;
            case TOKEN_ISSUER -> issuer();
            case JWKS_URI -> Component.jwksUri(apiUrl(Component.AUTH_SERVICE));
            case INTROSPECTION_URI -> Component.introspectionUri(apiUrl(Component.AUTH_SERVICE));
            case ACCESS_TOKEN_TTL -> spec.tokens.accessTokenTtl;
            case REFRESH_TOKEN_TTL -> spec.tokens.refreshTokenTtl;
            case SIGNING_KEYS_DIR -> SIGNING_KEYS_MOUNT;
            case SIGNING_KEYS_GENERATE_IF_MISSING -> "false";
            case AUTH_SERVICE_URI -> apiUrl(Component.AUTH_SERVICE);
            case BOOK_SERVICE_URI -> apiUrl(Component.BOOK_SERVICE);
            case TRUSTED_PROXIES_REGEX -> notBlank(spec.gateway.trustedProxies) ? spec.gateway.trustedProxies
                    : Boolean.TRUE.equals(spec.ingress.enabled) ? addressRegex(podCidr()) : null;
            // The gateway runs in the pod network: the services believe its X-Forwarded-For, no one else's.
            case GATEWAY_CIDRS -> podCidr();
            // Local runs only: in a cluster the key directory is the mounted Secret.
            case DATA_DIR -> null;
            // Secrets, below; ports are set on the container; a pod listens on its own interfaces.
            case ADMIN_USERNAME, ADMIN_PASSWORD, SERVER_PORT, MANAGEMENT_SERVER_PORT, SERVER_ADDRESS,
                    MANAGEMENT_SERVER_ADDRESS -> null;
        });
    }

    /** A Secret key the setting is read from, or empty when it is a literal. */
    Optional<SecretKeyRef> fromSecret(Setting setting) {
        return Optional.ofNullable(switch (setting) {
            case MONGODB_URI -> spec.mongodb.mode == StoreMode.External ? withDefaultKey(spec.mongodb.uriSecret, "uri") : null;
            case REDIS_URL -> spec.redis.mode == StoreMode.External ? withDefaultKey(spec.redis.urlSecret, "url") : null;
            case ADMIN_USERNAME -> new SecretKeyRef(adminSecretName(), "username");
            case ADMIN_PASSWORD -> new SecretKeyRef(adminSecretName(), "password");
            default -> null;
        });
    }

    /** The ConfigMap data of a component: its literal settings, JVM sizing, then the spec's extra env. */
    Map<String, String> configData(Component component, Map<String, String> extra, int jvmMemoryPercent) {
        Map<String, String> data = new LinkedHashMap<>(component.environment(setting -> literal(setting).orElse(null)));
        data.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=" + jvmMemoryPercent + " -XX:+ExitOnOutOfMemoryError");
        data.putAll(extra);
        return data;
    }

    /** The env vars of a component that come from Secrets: its settings, then the managed stores' credentials. */
    java.util.List<EnvVar> secretEnv(Component component) {
        java.util.List<EnvVar> env = new java.util.ArrayList<>(component.settings().stream()
                .flatMap(setting -> fromSecret(setting).stream().map(ref -> secretEnv(setting.variable(), ref)))
                .toList());
        if (component.settings().contains(Setting.REDIS_URL) && spec.redis.mode == StoreMode.Managed) {
            // store-config's library.redis.password: the URL stays a literal, the password a Secret key.
            env.add(secretEnv(REDIS_PASSWORD_VARIABLE,
                    new SecretKeyRef(redisAuthSecretName(), GeneratedSecrets.REDIS_PASSWORD_KEY)));
        }
        return env;
    }

    /** store-config's library.redis.password, by relaxed binding. */
    static final String REDIS_PASSWORD_VARIABLE = "LIBRARY_REDIS_PASSWORD";

    private static EnvVar secretEnv(String name, SecretKeyRef ref) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(ref.key, ref.name, false).endValueFrom().build();
    }

    /** spec.network.podCidr, or k3s's when the Library predates the field. */
    String podCidr() {
        return spec.network != null && notBlank(spec.network.podCidr) ? spec.network.podCidr : NetworkSpec.K3S_POD_CIDR;
    }

    /**
     * The addresses of an IPv4 CIDR as the gateway's trusted-proxy regex (it matches addresses, not
     * ranges): the prefix's whole octets literally, the rest any octet. A prefix that is not a
     * multiple of 8 widens to its enclosing octet boundary (10.42.0.0/17 trusts 10.42.x.x), still
     * inside the pod network's block.
     */
    static String addressRegex(String cidr) {
        String[] parts = cidr.split("/");
        String[] octets = parts[0].split("\\.");
        int fixed = Math.min(4, Integer.parseInt(parts[1]) / 8);
        java.util.List<String> pattern = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pattern.add(i < fixed ? octets[i] : "\\d{1,3}");
        }
        return String.join("\\.", pattern);
    }

    private static SecretKeyRef withDefaultKey(SecretKeyRef ref, String key) {
        return new SecretKeyRef(ref.name, ref.key == null || ref.key.isBlank() ? key : ref.key);
    }

    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
