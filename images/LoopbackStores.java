import java.io.IOException;

import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.stores.embedded.RedisServerProcess;

/**
 * MongoDB (the in-process mongo-java-server) and Redis (a redis-server process) on loopback, free
 * ports, for the images' AOT training runs and start-up measurements (the services create their
 * MongoDB indexes while starting, so a training run needs a store that answers). Prints
 * MONGODB_URI=... and REDIS_URL=..., then runs until its standard input closes or it is stopped.
 *
 * <p>Run as a single-file program: java -cp embedded-stores/target/classes:DEPENDENCIES images/LoopbackStores.java
 */
public class LoopbackStores {

    public static void main(String[] args) throws IOException {
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        RedisServerProcess redis = RedisServerProcess.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.stop();
            mongo.close();
        }, "loopback-stores-stop"));
        System.out.println("MONGODB_URI=" + mongo.connectionString("training"));
        System.out.println("REDIS_URL=" + redis.url());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the caller closes our input (or stops us).
        }
        System.exit(0);
    }
}
