package dev.library.auth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * An auth-service started and stopped by a test, for what one shared context cannot show:
 * restarts (persistence, key rotation).
 */
public final class AuthServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AuthServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AuthServiceInstance start(String mongoUri, String database, Path signingKeys) {
        return start(mongoUri, database, signingKeys, Map.of());
    }

    /** As above, with more properties (e.g. a bootstrap admin). */
    public static AuthServiceInstance start(String mongoUri, String database, Path signingKeys,
            Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.mongodb.uri", mongoUri);
        properties.put("spring.mongodb.database", database);
        properties.put("library.redis.url", TestStores.redisUrl());
        properties.put("library.auth.issuer", AuthServiceTest.ISSUER);
        properties.put("library.auth.signing-keys.dir", signingKeys.toString());
        properties.putIfAbsent("library.auth.signing-keys.generate-if-missing", "false");
        // As command-line arguments, so they outrank application.yaml and the environment.
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new AuthServiceInstance(new SpringApplicationBuilder(AuthServiceApplication.class).run(args));
    }

    public HttpApi api() {
        return new HttpApi("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
