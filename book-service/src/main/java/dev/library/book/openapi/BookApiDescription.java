package dev.library.book.openapi;

import static dev.library.web.openapi.ApiOperation.Access.ADMIN;
import static dev.library.web.openapi.ApiOperation.Access.PUBLIC;
import static dev.library.web.openapi.ApiOperation.Access.SIGNED_IN;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.book.api.ListParametersDescription;
import dev.library.web.openapi.ApiConventions;
import dev.library.web.openapi.ApiOperation;
import dev.library.web.openapi.ApiOperations;

/**
 * What book-service's OpenAPI description says beyond what springdoc reads from the controllers:
 * names, who may call each endpoint, the problems particular to it, and the list parameters
 * (read from the raw query string, so springdoc cannot see them). Served at the internal
 * {@code springdoc.api-docs.path}; the public, merged description is the gateway's.
 */
@Configuration(proxyBeanMethods = false)
class BookApiDescription {

    static final String TAG = "books";
    private static final String IF_MATCH_STALE = "If-Match names a version that is no longer current.";
    /** Admin writes are confirmed with auth-service (security.md), so a revoked admin is refused too. */
    private static final String NOT_ADMIN_NOW = "The access token lacks the ADMIN role, or its admin rights were "
            + "revoked since it was issued (demoted, disabled or signed out).";
    private static final String IF_MATCH_MALFORMED = "If-Match is not a quoted version such as \"3\".";

    @Bean
    ApiOperations bookApiOperations() {
        return new ApiOperations("book-service", "The catalogue of books.")
                .add("GET", "/api/books", ApiOperation.of("listBooks", TAG,
                        "A page of books, optionally filtered by words, author or tag, and sorted; its ETag changes "
                                + "whenever the page does.", SIGNED_IN)
                        .succeeds(200, "ETag").orNotModified())
                .add("GET", "/api/books/{id}", ApiOperation.of("getBook", TAG, "One book, with its version as ETag.", SIGNED_IN)
                        .succeeds(200, "ETag").orNotModified()
                        .problem(404, "There is no book with this id (unknown or malformed)."))
                .add("POST", "/api/books", ApiOperation.of("createBook", TAG, "Add a book.", ADMIN)
                        .succeeds(201, "Location", "ETag")
                        .problem(403, NOT_ADMIN_NOW)
                        .problem(409, "Another book has this ISBN."))
                .add("PUT", "/api/books/{id}", ApiOperation.of("replaceBook", TAG,
                                "Replace a book; with If-Match only that version of it.", ADMIN)
                        .succeeds(200, "ETag")
                        .problem(400, "The body breaks a rule, or " + IF_MATCH_MALFORMED)
                        .problem(403, NOT_ADMIN_NOW)
                        .problem(404, "There is no book with this id (unknown or malformed).")
                        .problem(409, "Another book has this ISBN, or another write changed the book meanwhile.")
                        .problem(412, IF_MATCH_STALE))
                .add("DELETE", "/api/books/{id}", ApiOperation.of("deleteBook", TAG,
                                "Delete a book; with If-Match only that version of it.", ADMIN)
                        .succeeds(204)
                        .problem(400, IF_MATCH_MALFORMED)
                        .problem(403, NOT_ADMIN_NOW)
                        .problem(404, "There is no book with this id (unknown or malformed).")
                        .problem(412, IF_MATCH_STALE))
                .add("GET", "/api/ping", ApiOperation.of("ping", "health",
                        "Answers without touching a database: is book-service reachable?", PUBLIC));
    }

    /** The list parameters replace what springdoc saw (the raw query string); the headers it saw stay. */
    @Bean
    OpenApiCustomizer listParameters() {
        return openApi -> {
            Operation list = openApi.getPaths().get("/api/books").getGet();
            List<Parameter> parameters = new ArrayList<>(ListParametersDescription.parameters());
            if (list.getParameters() != null) {
                list.getParameters().stream().filter(parameter -> "header".equals(parameter.getIn())).forEach(parameters::add);
            }
            list.parameters(parameters);
        };
    }

    /**
     * Bean Validation's @Size(max) makes springdoc write minLength 0 over the @Schema's 1; @NotBlank
     * refuses an empty title, author or tag, so the description says minLength 1.
     */
    @Bean
    OpenApiCustomizer bookRequestAsValidated() {
        return openApi -> {
            Map<String, Schema> properties = openApi.getComponents().getSchemas().get("BookRequest").getProperties();
            properties.get("title").minLength(1);
            properties.get("authors").getItems().minLength(1);
            properties.get("tags").getItems().minLength(1);
        };
    }

    @Bean
    OpenApiCustomizer bookExamples() {
        Map<String, Object> request = Map.of("title", "The Left Hand of Darkness", "authors", List.of("Ursula K. Le Guin"),
                "isbn", "978-0-441-47812-5", "publishedYear", 1969, "tags", List.of("science fiction"),
                "description", "An envoy visits a planet whose people have no fixed sex.");
        Map<String, Object> book = new java.util.HashMap<>(request);
        book.putAll(Map.of("id", "6573a1c2e4b0f24d8c9a1b2e", "isbn", "9780441478125", "createdAt", "2026-01-05T10:15:30Z",
                "updatedAt", "2026-01-05T10:15:30Z", "version", 1));
        return openApi -> {
            ApiConventions.example(openApi, "BookRequest", request);
            ApiConventions.example(openApi, "BookView", book);
            ApiConventions.example(openApi, "BookPageView", Map.of("content", List.of(new java.util.TreeMap<>(book)),
                    "page", 0, "size", 20, "totalElements", 1, "totalPages", 1));
        };
    }

    /** Every property of a book is in every answer; a book without a description has it null. */
    @Bean
    OpenApiCustomizer booksAsAnswered() {
        return openApi -> {
            ApiConventions.alwaysPresent(openApi, "BookView", "description");
            ApiConventions.alwaysPresent(openApi, "BookPageView");
        };
    }
}
