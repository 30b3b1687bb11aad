package dev.library.gateway.ratelimit;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
 * Redis call per request ({@link TokenBuckets}). If Redis cannot be asked (by a request or a sync:
 * down, frozen past the timeout, or full), the same limits apply per replica from memory
 * ({@link LocalTokenBuckets}), and Redis is left alone for a retry interval ({@link RedisOutageGuard})
 * so an outage costs no latency. Requests the edge refuses itself are charged too ({@link RefusalLimit}).
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered, DisposableBean, RefusalLimit {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String KEY_PREFIX = "gateway:rate-limit:";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final TokenBuckets signInBuckets;
    private final SharedTokenBuckets defaultBuckets;
    private final LocalTokenBuckets localSignIn;
    private final LocalTokenBuckets localDefault;
    private final GatewayProperties.RateLimit limits;
    private final Map<String, Counter> counters = new HashMap<>();
    private final JsonMapper json;
    private final RedisOutageGuard outage;

    RateLimitFilter(RedissonClient redis, GatewayProperties gateway, MeterRegistry meters, JsonMapper json) {
        this.signInBuckets = new TokenBuckets(redis);
        this.limits = gateway.rateLimit();
        this.json = json;
        this.outage = new RedisOutageGuard(log, "rate limits are per replica", limits.retryInterval(), LOG_INTERVAL,
                Clock.systemUTC());
        this.localSignIn = new LocalTokenBuckets(limits.signIn(), limits.fallbackClients());
        this.localDefault = new LocalTokenBuckets(limits.defaultLimit(), limits.fallbackClients());
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
            exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", String.valueOf(answer.remaining()));
            return answer.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, answer);
        });
    }

    /**
     * A request the edge refuses itself (a missing or bad token) costs its client address a token of
     * the default limit too, so refusals are throttled like anything else: over the limit, 429
     * instead of {@code refusal}.
     */
    @Override
    public Mono<Void> refuse(ServerWebExchange exchange, Supplier<Mono<Void>> refusal) {
        exchange.getResponse().getHeaders().set("X-RateLimit-Limit", String.valueOf(limits.defaultLimit().burst()));
        return decideHere("ip:" + ClientAddress.of(exchange)).flatMap(answer -> {
            exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", String.valueOf(answer.remaining()));
            return answer.allowed() ? refusal.get() : tooManyRequests(exchange, answer);
        });
    }

    /**
     * The default limit's decision, in memory; while Redis is away (or a new client's first lease
     * failed), this replica's own buckets decide ({@link LocalTokenBuckets}).
     */
    private Mono<TokenBuckets.Decision> decideHere(String client) {
        if (outage.bypassing()) {
            return Mono.just(locally(localDefault, client, "default"));
        }
        return defaultBuckets.take(client).map(decision -> {
            if (decision == TokenBuckets.Decision.UNLIMITED) {
                return locally(localDefault, client, "default");
            }
            count("default", decision.allowed() ? "allowed" : "limited");
            return decision;
        });
    }

    /** The exact bucket's decision, from Redis; when Redis cannot be asked, this replica's own. */
    private Mono<TokenBuckets.Decision> decide(String key, GatewayProperties.Bucket bucket, String policy) {
        if (outage.bypassing()) {
            return Mono.just(locally(localSignIn, key, policy));
        }
        return signInBuckets.take(key, bucket, REDIS_TIMEOUT)
                .doOnNext(decision -> count(policy, decision.allowed() ? "allowed" : "limited"))
                .onErrorResume(error -> {
                    outage.failed("take a token", error);
                    return Mono.just(locally(localSignIn, key, policy));
                });
    }

    /** Decided without Redis: let through counts as fail_open (as before there was a fallback), refused as limited. */
    private TokenBuckets.Decision locally(LocalTokenBuckets buckets, String client, String policy) {
        TokenBuckets.Decision decision = buckets.take(client);
        count(policy, decision.allowed() ? "fail_open" : "limited");
        return decision;
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
