package dev.library.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.gateway.GatewayProperties;

/**
 * One breaker per route group, counting every call that failed to get an answer: refused or
 * broken connections, and the 504s of the route's response timeout. The breaker has no time limit
 * of its own ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}): each attempt
 * is already bounded by the connect and response timeouts and the retries are bounded, so a
 * second timer per call (a {@code Mono.timeout} on the parallel scheduler) would only add cost.
 * A call that failed because the client stopped sending its body ({@link ClientFailures}) says
 * nothing about the service and is not counted: else a few held bodies would open the breaker for all.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(GatewayProperties gateway) {
        GatewayProperties.CircuitBreaker settings = gateway.circuitBreaker();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(error -> !ClientFailures.isClients(error))
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker).build());
    }
}
