package dev.library.operator.desired;

import dev.library.wiring.Component;

/** Every workload a Library consists of: the three services and the two stores. */
public enum Part {
    GATEWAY("gateway", "edge", Component.GATEWAY),
    AUTH_SERVICE("auth-service", "auth", Component.AUTH_SERVICE),
    BOOK_SERVICE("book-service", "books", Component.BOOK_SERVICE),
    MONGODB("mongodb", "database", null),
    REDIS("redis", "cache", null);

    private final String id;
    private final String role;
    private final Component component;

    Part(String id, String role, Component component) {
        this.id = id;
        this.role = role;
        this.component = component;
    }

    /** app.kubernetes.io/name, and the suffix of the objects' names. */
    public String id() {
        return id;
    }

    /** app.kubernetes.io/component. */
    public String role() {
        return role;
    }

    /** The service this part is, or null for a store. */
    public Component component() {
        return component;
    }

    public static Part of(Component component) {
        for (Part part : values()) {
            if (part.component == component) {
                return part;
            }
        }
        throw new IllegalArgumentException(component.id());
    }
}
