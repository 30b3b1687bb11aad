package dev.library.stores.embedded;

import java.util.Optional;

/**
 * The stores the integration tests share within one JVM: started once on first use, stopped at
 * exit. {@code MONGODB_URI} and {@code REDIS_URL} point the same tests at real servers instead.
 */
public final class TestStores {

    private static EmbeddedMongo mongo;
    private static RedisServerProcess redis;

    private TestStores() {
    }

    /** A MongoDB connection string for {@code database}: {@code MONGODB_URI}'s server when set, else the embedded one. */
    public static synchronized String mongoUri(String database) {
        Optional<String> external = env("MONGODB_URI");
        if (external.isPresent()) {
            return withDatabase(external.get(), database);
        }
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-stop"));
        }
        return mongo.connectionString(database);
    }

    /** The Redis URL: {@code REDIS_URL} when set, else a redis-server process started for the tests. */
    public static synchronized String redisUrl() {
        return env("REDIS_URL").orElseGet(() -> redis().url());
    }

    /**
     * The Redis process the tests started, for tests that stop and restart it. Not available when
     * {@code REDIS_URL} points elsewhere.
     */
    public static synchronized RedisServerProcess redis() {
        if (env("REDIS_URL").isPresent()) {
            throw new IllegalStateException("REDIS_URL is set: the tests do not control that Redis");
        }
        if (redis == null) {
            redis = RedisServerProcess.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "redis-stop"));
        }
        return redis;
    }

    private static String withDatabase(String uri, String database) {
        // mongodb://host[:port][,host...]/[db][?options]: put our database name in the path.
        int schemeEnd = uri.indexOf("://") + 3;
        int queryStart = uri.indexOf('?', schemeEnd);
        String beforeQuery = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? "" : uri.substring(queryStart);
        int pathStart = beforeQuery.indexOf('/', schemeEnd);
        String hosts = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
        return hosts + "/" + database + query;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
