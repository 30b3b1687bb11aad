package dev.library.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * gateway: the only public entry. A request meets {@code edge} (request id, forwarded headers,
 * body limit, token check, security headers), then {@code ratelimit}, then {@code routing}
 * (route, circuit breaker, retry, timeouts) and is proxied to auth-service or book-service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
