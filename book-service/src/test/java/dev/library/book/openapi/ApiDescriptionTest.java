package dev.library.book.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.HttpApi;

/** book-service's own OpenAPI description, on its internal path (the gateway publishes the merged one). */
class ApiDescriptionTest extends BookServiceTest {

    private JsonNode description() {
        HttpApi.Response response = api.get("/internal/openapi");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void isServedWithoutATokenAsOpenApi31() {
        assertThat(description().get("openapi").asString()).startsWith("3.1");
    }

    @Test
    void describesEveryEndpointAndNothingOfTheActuator() {
        List<String> operations = new ArrayList<>();
        description().get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> operations.add(method.getKey().toUpperCase() + " " + path.getKey())));

        assertThat(operations).containsExactlyInAnyOrder("GET /api/books", "POST /api/books", "GET /api/books/{id}",
                "PUT /api/books/{id}", "DELETE /api/books/{id}", "GET /api/ping");
    }

    @Test
    void givesTheListParametersTheirLimits() {
        JsonNode parameters = description().at("/paths/~1api~1books/get/parameters");
        JsonNode size = null;
        for (JsonNode parameter : parameters) {
            if (parameter.get("name").asString().equals("size")) {
                size = parameter.get("schema");
            }
        }

        assertThat(parameters).hasSize(7); // the six of the query, and If-None-Match
        assertThat(size.get("minimum").asInt()).isEqualTo(1);
        assertThat(size.get("maximum").asInt()).isEqualTo(100);
    }

    @Test
    void describesTheProblemsOfAConditionalReplace() {
        JsonNode responses = description().at("/paths/~1api~1books~1{id}/put/responses");

        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409",
                "412", "413", "415");
        assertThat(responses.at("/412/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(responses.at("/200/headers/ETag").isMissingNode()).isFalse();
        assertThat(description().at("/paths/~1api~1books~1{id}/put/security/0/bearer").isArray()).isTrue();
    }

    @Test
    void isNotServedOnTheManagementPort() {
        assertThat(management.get("/internal/openapi").status()).isEqualTo(404);
    }
}
