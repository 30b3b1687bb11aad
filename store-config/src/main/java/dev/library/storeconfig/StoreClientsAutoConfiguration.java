package dev.library.storeconfig;

import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@AutoConfiguration
@EnableConfigurationProperties({MongoDurabilityProperties.class, MongoTimeoutProperties.class, RedisProperties.class})
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

        /**
         * Every wait on MongoDB bounded: connecting, finding a server, a pooled connection and each
         * command's reply. Applied after the connection string, so these settings are the ones in force.
         */
        @Bean
        MongoClientSettingsBuilderCustomizer boundedMongoWaits(MongoTimeoutProperties timeouts) {
            return settings -> settings
                    .applyToSocketSettings(socket -> socket
                            .connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(timeouts.socketRead().toMillis(), TimeUnit.MILLISECONDS))
                    .applyToClusterSettings(cluster -> cluster
                            .serverSelectionTimeout(timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                    .applyToConnectionPoolSettings(pool -> pool
                            .maxWaitTime(timeouts.poolWait().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** In a servlet service with MongoDB: a store that does not answer in time becomes a 503 problem. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"com.mongodb.MongoTimeoutException", "dev.library.web.problem.Problems"})
    static class MongoOutages {

        @Bean
        StoreOutageProblems storeOutageProblems() {
            return new StoreOutageProblems();
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
            config.setNettyThreads(redis.nettyThreads());
            config.setThreads(redis.threads());
            config.useSingleServer()
                    .setAddress(redis.url())
                    .setPassword(redis.password())
                    .setConnectTimeout((int) redis.connectTimeout().toMillis())
                    .setTimeout((int) redis.timeout().toMillis())
                    .setRetryAttempts(redis.retryAttempts())
                    .setConnectionMinimumIdleSize(1);
            return Redisson.create(config);
        }
    }
}
