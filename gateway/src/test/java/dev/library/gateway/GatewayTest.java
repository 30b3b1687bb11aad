package dev.library.gateway;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.Metrics;
import dev.library.testhttp.TestIssuer;

/**
 * Base of the gateway's specifications: the real gateway on a random port, with a real Redis
 * process, tokens from a {@link TestIssuer} whose keys it fetches over HTTP, and a
 * {@link StubUpstream} in place of each service, so what reaches a service (or does not) can be
 * seen. One Spring context is shared; a test that breaks a stub or Redis restores it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTest {

    protected static final TestIssuer ISSUER = TestIssuer.get();
    protected static final StubUpstream AUTH_SERVICE = new StubUpstream("auth-service");
    protected static final StubUpstream BOOK_SERVICE = new StubUpstream("book-service");
    /** Short, so a frozen service is answered quickly. */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    protected static final Duration CIRCUIT_OPEN_WAIT = Duration.ofSeconds(2);
    protected static final int CIRCUIT_WINDOW = 3;

    @Autowired
    private Environment environment;

    protected HttpApi gateway;
    protected HttpApi management;
    protected Metrics metrics;

    @DynamicPropertySource
    static void surroundings(DynamicPropertyRegistry registry) {
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.gateway.auth-service-uri", AUTH_SERVICE::uri);
        registry.add("library.gateway.book-service-uri", BOOK_SERVICE::uri);
        registry.add("library.gateway.response-timeout", () -> RESPONSE_TIMEOUT.toMillis() + "ms");
        registry.add("library.gateway.circuit-breaker.minimum-number-of-calls", () -> CIRCUIT_WINDOW);
        registry.add("library.gateway.circuit-breaker.sliding-window-size", () -> CIRCUIT_WINDOW);
        registry.add("library.gateway.circuit-breaker.wait-in-open-state", () -> CIRCUIT_OPEN_WAIT.toMillis() + "ms");
        // Slow refill: a test spends the sign-in bucket with requests one after another, however slow the machine.
        registry.add("library.gateway.rate-limit.sign-in.replenish-per-second", () -> "0.2");
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void clients() {
        gateway = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        management = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.management.port"));
        metrics = new Metrics(management);
    }

    /** Waits until a signed-in GET of book-service passes again, e.g. after its circuit was opened. */
    protected void awaitBookServiceReachable() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (gateway.get("/api/books", "Authorization", HttpApi.bearer(ISSUER.user())).status() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("book-service is not reachable through the gateway again");
    }
}
