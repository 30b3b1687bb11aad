package dev.library.operator.desired;

import dev.library.wiring.Component;
import dev.library.wiring.Store;

/**
 * Every workload a Library consists of: the three services and the two stores, as the operator
 * labels them. Ids come from system-wiring's {@link Component} and {@link Store}; only the role
 * label is the operator's own.
 */
public enum Part {
    GATEWAY("edge", Component.GATEWAY, null),
    AUTH_SERVICE("auth", Component.AUTH_SERVICE, null),
    BOOK_SERVICE("books", Component.BOOK_SERVICE, null),
    MONGODB("database", null, Store.MONGODB),
    REDIS("cache", null, Store.REDIS);

    private final String id;
    private final String role;
    private final Component component;

    Part(String role, Component component, Store store) {
        this.id = component != null ? component.id() : store.id();
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
