package dev.library.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RScriptReactive;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import reactor.core.publisher.Mono;

import dev.library.gateway.GatewayProperties;

/**
 * Token buckets in Redis, one per client and policy, updated atomically by one Lua script that
 * uses Redis's clock (so gateway replicas with skewed clocks share buckets correctly).
 */
class TokenBuckets {

    private static final String TAKE = """
            local key = KEYS[1]
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', key, 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
            local allowed = 0
            local retry_after = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              retry_after = math.ceil((1 - tokens) / rate * 1000)
            end
            redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', key, math.ceil(capacity / rate * 1000) + 1000)
            return {allowed, math.floor(tokens), retry_after}
            """;

    /** Made once: {@code RedissonClient.reactive()} builds a new reactive client on every call. */
    private final RScriptReactive script;

    TokenBuckets(RedissonClient redis) {
        this.script = redis.reactive().getScript(StringCodec.INSTANCE);
    }

    /** Takes one token from the bucket {@code key}. */
    Mono<Decision> take(String key, GatewayProperties.Bucket bucket, Duration timeout) {
        return script.<List<Long>>eval(RScript.Mode.READ_WRITE, TAKE, RScript.ReturnType.LIST, List.of(key),
                        String.valueOf(bucket.replenishPerSecond()), String.valueOf(bucket.burst()))
                .timeout(timeout)
                .map(result -> new Decision(result.get(0) == 1, result.get(1), Duration.ofMillis(result.get(2))));
    }

    record Decision(boolean allowed, long remaining, Duration retryAfter) {

        /** What a request gets when Redis cannot be asked: through, without a count. */
        static final Decision UNLIMITED = new Decision(true, -1, Duration.ZERO);
    }
}
