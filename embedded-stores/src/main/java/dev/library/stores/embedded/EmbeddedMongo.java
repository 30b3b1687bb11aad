package dev.library.stores.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM. The persistent variant keeps its
 * data in one H2 MVStore file, so what it acknowledged is there after a restart.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /** A server whose data lives only as long as this object: for tests. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(HelloCommand.inMemory(), "127.0.0.1", 0);
    }

    /**
     * A server that stores everything in {@code dataFile} and binds to loopback on {@code port} (0 = any
     * free port). A new data file and its directory are created owner-only before the store opens them.
     */
    public static EmbeddedMongo persistent(Path dataFile, int port) {
        try {
            OwnerOnlyFiles.createFileIfMissing(dataFile);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory for " + dataFile, e);
        }
        return new EmbeddedMongo(HelloCommand.persistent(dataFile.toString()), "127.0.0.1", port);
    }

    public int port() {
        return address.getPort();
    }

    /** A connection string for the given database on this server. */
    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        // shutdownNow closes client connections first; the H2 backend flushes and closes its store.
        server.shutdownNow();
    }
}
