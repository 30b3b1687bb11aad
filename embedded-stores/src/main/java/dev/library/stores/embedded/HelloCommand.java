package dev.library.stores.embedded;

import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server answers the legacy {@code isMaster} handshake but not its modern name
 * {@code hello}, which Spring Boot's MongoDB health indicator sends. Real MongoDB servers answer
 * both; these backends answer {@code hello} the same way, so the services need no special case.
 */
final class HelloCommand {

    private static final String HELLO = "hello";
    private static final String IS_MASTER = "isMaster";

    private HelloCommand() {
    }

    interface Handler {
        Document handle(Channel channel, String database, String command, Document query);
    }

    static Document handle(Channel channel, String database, String command, Document query, Handler backend) {
        if (!HELLO.equalsIgnoreCase(command)) {
            return backend.handle(channel, database, command, query);
        }
        Document reply = backend.handle(channel, database, IS_MASTER, query);
        reply.put("isWritablePrimary", Boolean.TRUE);
        return reply;
    }

    static AbstractMongoBackend persistent(String file) {
        return new H2Backend(file) {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return HelloCommand.handle(channel, database, command, query, super::handleCommand);
            }
        };
    }

    static AbstractMongoBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return HelloCommand.handle(channel, database, command, query, super::handleCommand);
            }
        };
    }
}
