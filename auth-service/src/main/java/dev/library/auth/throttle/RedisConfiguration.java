package dev.library.auth.throttle;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    /**
     * Lazily connected, so the service starts (and logins work, unthrottled) while Redis is down.
     */
    @Bean(destroyMethod = "shutdown")
    RedissonClient redissonClient(RedisProperties redis) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.useSingleServer()
                .setAddress(redis.url())
                .setConnectTimeout((int) redis.connectTimeout().toMillis())
                .setTimeout((int) redis.timeout().toMillis())
                .setRetryAttempts(redis.retryAttempts())
                .setConnectionMinimumIdleSize(1);
        return Redisson.create(config);
    }
}
