package dev.library.storeconfig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.mongodb.timeouts.*}: how long a service waits for MongoDB before it gives up and
 * answers 503. The driver's own defaults wait forever for a reply (socket read), 30 s to find a
 * server and 2 min for a pooled connection, so a frozen MongoDB would hang every request; these
 * are short enough that a service answers before the gateway's response timeout (5 s).
 *
 * @param connect          time to open a TCP connection (and, for the driver's monitor, to hear back)
 * @param serverSelection  time to find a usable server (primary for writes) before failing
 * @param socketRead       time to wait for the reply to one command
 * @param poolWait         time to wait for a free pooled connection
 */
@ConfigurationProperties("library.mongodb.timeouts")
public record MongoTimeoutProperties(Duration connect, Duration serverSelection, Duration socketRead,
        Duration poolWait) {

    public MongoTimeoutProperties {
        connect = connect == null ? Duration.ofSeconds(2) : connect;
        serverSelection = serverSelection == null ? Duration.ofSeconds(2) : serverSelection;
        socketRead = socketRead == null ? Duration.ofSeconds(3) : socketRead;
        poolWait = poolWait == null ? Duration.ofSeconds(2) : poolWait;
    }
}
