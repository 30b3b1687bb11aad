package dev.library.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the specifications that spend a client's default limit: a small one, so that requests one
 * after another spend it however slow the machine (at application.yaml's 50 a second they might
 * never). Its own Spring context, shared by its subclasses.
 */
public abstract class SmallDefaultLimitTest extends GatewayTest {

    protected static final int DEFAULT_BURST = 5;

    @DynamicPropertySource
    static void smallDefaultLimit(DynamicPropertyRegistry registry) {
        registry.add("library.gateway.rate-limit.default-limit.burst", () -> DEFAULT_BURST);
        registry.add("library.gateway.rate-limit.default-limit.replenish-per-second", () -> "0.5");
    }
}
