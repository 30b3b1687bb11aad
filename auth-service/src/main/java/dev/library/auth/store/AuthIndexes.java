package dev.library.auth.store;

import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import dev.library.auth.account.Account;
import dev.library.auth.session.RefreshToken;
import dev.library.auth.session.RefreshTokenFamily;

@Configuration(proxyBeanMethods = false)
class AuthIndexes {

    /**
     * The indexes the queries need, created at start-up (idempotent): unique canonical usernames,
     * role lookups, and expiry of spent refresh tokens (MongoDB's TTL monitor removes them).
     * An initializing bean, so the indexes exist before the first request can be served.
     */
    @Bean
    InitializingBean createAuthIndexes(MongoTemplate mongo) {
        return () -> {
            mongo.indexOps(Account.class).createIndex(new Index("username", Sort.Direction.ASC).unique()
                    .named("username_unique"));
            mongo.indexOps(Account.class).createIndex(new Index("roles", Sort.Direction.ASC).named("roles"));
            mongo.indexOps(RefreshToken.class).createIndex(new Index("familyId", Sort.Direction.ASC).named("family"));
            mongo.indexOps(RefreshToken.class).createIndex(new Index("expiresAt", Sort.Direction.ASC)
                    .expire(0, TimeUnit.SECONDS).named("expiry_ttl"));
            mongo.indexOps(RefreshTokenFamily.class).createIndex(new Index("accountId", Sort.Direction.ASC)
                    .named("account"));
        };
    }
}
