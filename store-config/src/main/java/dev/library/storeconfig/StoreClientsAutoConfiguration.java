package dev.library.storeconfig;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.WriteConcern;

@AutoConfiguration
@EnableConfigurationProperties({MongoDurabilityProperties.class, RedisProperties.class})
public class StoreClientsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"com.mongodb.WriteConcern",
            "org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer"})
    static class MongoDurability {

        /** The write concern set on the client itself, so every write of the service carries it. */
        @Bean
        MongoClientSettingsBuilderCustomizer durableMongoWrites(MongoDurabilityProperties properties) {
            WriteConcern base = "majority".equalsIgnoreCase(properties.writeConcern())
                    ? WriteConcern.MAJORITY : new WriteConcern(Integer.parseInt(properties.writeConcern()));
            WriteConcern concern = base.withJournal(properties.journal());
            return settings -> settings.writeConcern(concern);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Redisson.class)
    static class RedisClient {

        /**
         * Lazily connected, so a service starts and serves while Redis is down; Redisson reconnects
         * by itself when it returns.
         */
        @Bean(destroyMethod = "shutdown")
        @ConditionalOnMissingBean
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
}
