package dev.library.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * gateway: the only public entry. A request meets the edge filters ({@link EdgeConfiguration}:
 * {@code requests}: request id, forwarded headers, access log; {@code limits}), then {@code security} (firewall, token
 * check, security headers), then {@code ratelimit}, then {@code routing} (route, circuit breaker,
 * retry, timeouts) and is proxied to auth-service or book-service. Every refusal on the way is a
 * {@code problem}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
