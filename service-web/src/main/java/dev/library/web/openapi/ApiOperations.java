package dev.library.web.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's table of {@link ApiOperation}s, keyed by method and path as springdoc sees them
 * ({@code "PUT /api/books/{id}"}), plus the title of its description. Each service declares one
 * bean of it, next to its controllers' packages, in an {@code openapi} package.
 */
public final class ApiOperations {

    private final String title;
    private final String description;
    private final Map<String, ApiOperation> operations = new LinkedHashMap<>();

    public ApiOperations(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public ApiOperations add(String method, String path, ApiOperation operation) {
        operations.put(key(method, path), operation);
        return this;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    ApiOperation find(String method, String path) {
        return operations.get(key(method, path));
    }

    private static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }
}
