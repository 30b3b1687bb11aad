package dev.library.book.api;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import dev.library.book.store.BookQuery;

/**
 * The query parameters of {@code GET /api/books} for the OpenAPI description, with the limits
 * {@link ListParameters} enforces (it reads the raw query string, which springdoc cannot see).
 */
public final class ListParametersDescription {

    private ListParametersDescription() {
    }

    public static List<Parameter> parameters() {
        String fields = Arrays.stream(BookQuery.SortField.values()).map(BookQuery.SortField::apiName)
                .collect(Collectors.joining("|"));
        return List.of(
                query("page", "Zero-based page number; deep pages are refused, narrow the query instead.",
                        integer(0, ListParameters.MAX_PAGE, 0)),
                query("size", "Books per page.", integer(1, ListParameters.MAX_SIZE, ListParameters.DEFAULT_SIZE)),
                query("sort", "A field, optionally followed by ,asc or ,desc (title sorts ignoring case).",
                        text(1, 30).pattern("^(" + fields + ")(,(asc|desc))?$")._default("createdAt,desc")),
                query("q", "Words that must each begin a word of the title or of an author, ignoring case.",
                        text(1, ListParameters.MAX_FILTER_LENGTH)),
                query("author", "One author's full name, ignoring case.", text(1, ListParameters.MAX_FILTER_LENGTH)),
                query("tag", "One tag.", text(1, ListParameters.MAX_FILTER_LENGTH)));
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }

    private static Schema<?> integer(int minimum, int maximum, int fallback) {
        Schema<Object> schema = typed("integer");
        schema.minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum));
        schema.setDefault(fallback);
        return schema;
    }

    private static Schema<Object> text(int minLength, int maxLength) {
        Schema<Object> schema = typed("string");
        schema.minLength(minLength).maxLength(maxLength);
        return schema;
    }

    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new JsonSchema();
        schema.specVersion(SpecVersion.V31);
        schema.types(Set.of(type));
        return schema;
    }
}
