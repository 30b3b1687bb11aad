package dev.library.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.library.gateway.StubUpstream;
import dev.library.stores.embedded.FreePorts;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/**
 * Two book-service instances, the first refusing connections, as one does while it restarts in a
 * rolling restart: a write sent to it never reached it, so it goes to the other instance instead of
 * failing. (Its own context: GatewayTest's has one instance.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusedWriteTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static final StubUpstream AUTH_SERVICE = new StubUpstream("auth-service");
    private static final StubUpstream BOOK_SERVICE = new StubUpstream("book-service");
    /** Nothing listens here. */
    private static final int REFUSING_INSTANCE = FreePorts.find();

    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void twoInstancesTheFirstRefusing(DynamicPropertyRegistry registry) {
        registry.add("library.redis.url", TestStores::redisUrl);
        registry.add("library.auth.issuer", () -> TestIssuer.ISSUER);
        registry.add("library.auth.jwks-uri", ISSUER::jwksUri);
        registry.add("library.gateway.auth-service-uri", AUTH_SERVICE::uri);
        registry.add("library.gateway.book-service-uri",
                () -> "http://127.0.0.1:" + REFUSING_INSTANCE + "," + BOOK_SERVICE.uri());
        registry.add("management.server.port", () -> "0");
    }

    @Test
    void everyWriteLandsOnTheInstanceThatAcceptsConnections() {
        HttpApi gateway = new HttpApi("http://127.0.0.1:" + environment.getProperty("local.server.port"));
        String admin = ISSUER.admin();
        int before = BOOK_SERVICE.requests();

        // Round robin: half of these are first sent to the refusing instance.
        for (int i = 0; i < 4; i++) {
            HttpApi.Response created = gateway.post("/api/books", "{\"title\":\"t\"}", "Authorization", HttpApi.bearer(admin));
            assertThat(created.status()).as("write %d", i).isEqualTo(200);
        }

        assertThat(BOOK_SERVICE.requests() - before).isEqualTo(4);
    }
}
