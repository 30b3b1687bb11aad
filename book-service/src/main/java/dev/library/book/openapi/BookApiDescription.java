package dev.library.book.openapi;

import static dev.library.web.openapi.ApiOperation.Access.ADMIN;
import static dev.library.web.openapi.ApiOperation.Access.PUBLIC;
import static dev.library.web.openapi.ApiOperation.Access.SIGNED_IN;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
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

    /** Every property of a book is in every answer; a book without a description has it null. */
    @Bean
    OpenApiCustomizer booksAsAnswered() {
        return openApi -> {
            ApiConventions.alwaysPresent(openApi, "BookView", "description");
            ApiConventions.alwaysPresent(openApi, "BookPageView");
        };
    }
}
