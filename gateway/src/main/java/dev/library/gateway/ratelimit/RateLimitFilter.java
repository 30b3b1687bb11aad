package dev.library.gateway.ratelimit;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.GatewayProperties;
import dev.library.gateway.problem.Problems;
import dev.library.gateway.security.ClientAddress;
import dev.library.storeconfig.RedisOutageGuard;
import dev.library.web.wire.RetryAfter;

/**
 * Per-client rate limits on every routed request: per user when signed in, per client address
 * otherwise, with a tighter bucket for login, signup and refresh, always per client address (a
 * bearer token, anyone's, must not buy a fresh sign-in bucket; see {@link SignInRequests}). Over the limit: 429 problem with
 * {@code Retry-After}. Every answer carries {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Remaining}.
 *
 * <p>The default limit is decided in memory and shared between replicas through Redis every sync
 * interval ({@link SharedTokenBuckets}, which states the tolerance): no Redis round trip on the
 * request path. Sign-ins are rare and expensive anyway, so their tight bucket stays exact, one
 * Redis call per request ({@link TokenBuckets}). If Redis cannot be asked (by a request or a sync),
 * requests pass (fail-open), counted, and Redis is left alone for a retry interval
 * ({@link RedisOutageGuard}) so an outage costs no latency.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String KEY_PREFIX = "gateway:rate-limit:";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final TokenBuckets signInBuckets;
    private final SharedTokenBuckets defaultBuckets;
    private final GatewayProperties.RateLimit limits;
    private final Map<String, Counter> counters = new HashMap<>();
    private final JsonMapper json;
    private final RedisOutageGuard outage;

    RateLimitFilter(RedissonClient redis, GatewayProperties gateway, MeterRegistry meters, JsonMapper json) {
        this.signInBuckets = new TokenBuckets(redis);
        this.limits = gateway.rateLimit();
        this.json = json;
        this.outage = new RedisOutageGuard(log, "rate limits are off", limits.retryInterval(), LOG_INTERVAL,
                Clock.systemUTC());
        this.defaultBuckets = new SharedTokenBuckets(redis, KEY_PREFIX + "default:", limits.defaultLimit(),
                limits.syncInterval(), outage).start();
        // Registered once: looking a meter up by name and tags on every request is wasted work on the hot path.
        for (String policy : List.of("default", "sign-in")) {
            for (String outcome : List.of("allowed", "limited", "fail_open")) {
                counters.put(policy + "/" + outcome, Counter.builder("library.gateway.ratelimit")
                        .description("Routed requests by rate-limit policy and outcome")
                        .tag("policy", policy).tag("outcome", outcome).register(meters));
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before routing, circuit breaking and retries
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        boolean signIn = SignInRequests.isSignIn(exchange);
        String policy = signIn ? "sign-in" : "default";
        GatewayProperties.Bucket bucket = signIn ? limits.signIn() : limits.defaultLimit();
        exchange.getResponse().getHeaders().set("X-RateLimit-Limit", String.valueOf(bucket.burst()));
        Mono<String> byClientAddress = Mono.just("ip:" + ClientAddress.of(exchange));
        Mono<TokenBuckets.Decision> decision = signIn
                ? byClientAddress.flatMap(client -> decide(KEY_PREFIX + policy + ":" + client, bucket, policy))
                : exchange.getPrincipal().map(Principal::getName).map(user -> "user:" + user)
                        .switchIfEmpty(byClientAddress).flatMap(this::decideHere);
        return decision.flatMap(answer -> {
            if (answer == TokenBuckets.Decision.UNLIMITED) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", String.valueOf(answer.remaining()));
            return answer.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, answer);
        });
    }

    /** The default limit's decision, in memory; while Redis is away, {@link TokenBuckets.Decision#UNLIMITED}. */
    private Mono<TokenBuckets.Decision> decideHere(String client) {
        if (outage.bypassing()) {
            count("default", "fail_open");
            return Mono.just(TokenBuckets.Decision.UNLIMITED);
        }
        return defaultBuckets.take(client).doOnNext(decision -> count("default",
                decision == TokenBuckets.Decision.UNLIMITED ? "fail_open" : decision.allowed() ? "allowed" : "limited"));
    }

    /** The exact bucket's decision, from Redis; when Redis cannot be asked, {@link TokenBuckets.Decision#UNLIMITED}. */
    private Mono<TokenBuckets.Decision> decide(String key, GatewayProperties.Bucket bucket, String policy) {
        if (outage.bypassing()) {
            count(policy, "fail_open");
            return Mono.just(TokenBuckets.Decision.UNLIMITED);
        }
        return signInBuckets.take(key, bucket, REDIS_TIMEOUT)
                .doOnNext(decision -> count(policy, decision.allowed() ? "allowed" : "limited"))
                .onErrorResume(error -> {
                    outage.failed("take a token", error);
                    count(policy, "fail_open");
                    return Mono.just(TokenBuckets.Decision.UNLIMITED);
                });
    }

    private Mono<Void> tooManyRequests(ServerWebExchange exchange, TokenBuckets.Decision decision) {
        long seconds = RetryAfter.seconds(decision.retryAfter());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests. Try again in " + seconds + " seconds.", json);
    }

    @Override
    public void destroy() {
        defaultBuckets.close();
    }

    private void count(String policy, String outcome) {
        counters.get(policy + "/" + outcome).increment();
    }
}
