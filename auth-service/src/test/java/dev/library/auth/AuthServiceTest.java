package dev.library.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * Base of the auth-service integration tests: the real service on a random port, talking to a
 * real Redis process and a real MongoDB-protocol server (or to MONGODB_URI / REDIS_URL). One
 * Spring context is shared by every subclass, so tests isolate themselves with unique usernames
 * and client addresses rather than by emptying the stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuthServiceTest {

    public static final String ADMIN_USERNAME = "root-admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String ISSUER = "http://auth.test";
    public static final Path SIGNING_KEYS = temporaryDirectory("auth-test-keys");

    @Autowired
    private Environment environment;

    protected HttpApi api;
    protected HttpApi management;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestStores.mongoUri("auth_test"));
        registry.add("spring.mongodb.database", () -> "auth_test");
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> ISSUER);
        registry.add("library.auth.signing-keys.dir", SIGNING_KEYS::toString);
        registry.add("library.admin.username", () -> ADMIN_USERNAME);
        registry.add("library.admin.password", () -> ADMIN_PASSWORD);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void clients() {
        api = new HttpApi(baseUrl());
        management = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.management.port"));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    /** A username no other test uses. */
    protected static String uniqueUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client address no other test uses (sent as X-Forwarded-For from loopback, a trusted proxy). */
    protected static String uniqueClientAddress() {
        UUID random = UUID.randomUUID();
        return "2001:db8::" + Long.toHexString(random.getMostSignificantBits() & 0xffff) + ":"
                + Long.toHexString(random.getLeastSignificantBits() & 0xffff) + ":"
                + Long.toHexString((random.getLeastSignificantBits() >>> 16) & 0xffff);
    }

    /** Signs up from a client address of its own, so sign-up limits of one test never touch another. */
    protected HttpApi.Response signUp(String username, String password) {
        return signUp(username, password, uniqueClientAddress());
    }

    protected HttpApi.Response signUp(String username, String password, String clientAddress) {
        return api.post("/api/auth/signup", HttpApi.json("username", username, "password", password),
                "X-Forwarded-For", clientAddress);
    }

    protected HttpApi.Response login(String username, String password) {
        return login(username, password, uniqueClientAddress());
    }

    protected HttpApi.Response login(String username, String password, String clientAddress) {
        return api.post("/api/auth/login", HttpApi.json("username", username, "password", password),
                "X-Forwarded-For", clientAddress);
    }

    /** Signs a new user up and logs in; returns the token response. */
    protected HttpApi.Response newSession(String username) {
        signUp(username, "password-of-" + username);
        return login(username, "password-of-" + username);
    }

    protected String adminAccessToken() {
        return accessToken(login(ADMIN_USERNAME, ADMIN_PASSWORD));
    }

    protected static String accessToken(HttpApi.Response tokens) {
        return tokens.json().get("access_token").asString();
    }

    protected static String refreshToken(HttpApi.Response tokens) {
        return tokens.json().get("refresh_token").asString();
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
