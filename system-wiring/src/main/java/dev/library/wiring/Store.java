package dev.library.wiring;

/** The stores the services use. MongoDB holds everything durable; Redis is a cache and counter store. */
public enum Store {
    MONGODB("mongodb", 27017, Setting.MONGODB_URI),
    REDIS("redis", 6379, Setting.REDIS_URL);

    private final String id;
    private final int port;
    private final Setting address;

    Store(String id, int port, Setting address) {
        this.id = id;
        this.port = port;
        this.address = address;
    }

    public String id() {
        return id;
    }

    /** The port the store listens on by default. */
    public int port() {
        return port;
    }

    /** The setting that tells a service where this store is. */
    public Setting address() {
        return address;
    }
}
