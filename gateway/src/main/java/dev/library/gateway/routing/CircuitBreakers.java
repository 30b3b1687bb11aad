package dev.library.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

    private static final Duration TIME_LIMIT_MARGIN = Duration.ofSeconds(1);

    /**
     * The breaker's time limit covers the longest a routed call may legitimately take: one
     * response timeout (timeouts are not retried) plus every retry's connect attempt and backoff.
     * So the route answers 504 on a frozen service before the breaker could cut it short.
     */
    static Duration timeLimit(GatewayProperties gateway) {
        Duration perRetry = gateway.connectTimeout().plus(gateway.retry().maxBackoff());
        return gateway.responseTimeout().plus(perRetry.multipliedBy(gateway.retry().attempts())).plus(TIME_LIMIT_MARGIN);
    }

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
                .build();
        TimeLimiterConfig timeLimit = TimeLimiterConfig.custom()
                .timeoutDuration(timeLimit(gateway))
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker).timeLimiterConfig(timeLimit).build());
    }
}
