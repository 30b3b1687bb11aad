package dev.library.wiring;

/** The stores the services use. MongoDB holds everything durable; Redis is a cache and counter store. */
public enum Store {
    MONGODB("mongodb", 27017),
    REDIS("redis", 6379);

    private final String id;
    private final int port;

    Store(String id, int port) {
        this.id = id;
        this.port = port;
    }

    public String id() {
        return id;
    }

    /** The port the store listens on by default. */
    public int port() {
        return port;
    }
}
