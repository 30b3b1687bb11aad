package dev.library.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.library.gateway.GatewayProperties;

/** How the services' own descriptions become the public one (the e2e specs check it against the running stack). */
class PublicApiDescriptionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PublicApiDescription description = new PublicApiDescription(
            new GatewayProperties(URI.create("http://127.0.0.1:1"), List.of(URI.create("http://127.0.0.1:2")), null, null, null,
                    null, null, null, null, null, null),
            new ApiDocsProperties("/internal/openapi", "1", Duration.ofMinutes(1), Duration.ofSeconds(1)), JSON);

    private static JsonNode service(String paths, String schemas) {
        return JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":{" + paths + "},\"components\":{\"schemas\":{" + schemas + "}}}");
    }

    @Test
    void keepsOnlyWhatTheGatewayRoutes() {
        JsonNode merged = description.merge(List.of(service(
                "\"/api/auth/me\":{\"get\":{\"security\":[{\"bearer\":[]}],\"responses\":{\"200\":{\"description\":\"OK\"}}}},"
                        + "\"/.well-known/openid-configuration\":{\"get\":{\"security\":[],\"responses\":{}}}", "")));

        assertThat(merged.get("paths").propertyNames()).containsExactly("/api/auth/me");
    }

    @Test
    void addsTheEdgesProblemsAndHeadersToEveryOperation() {
        JsonNode merged = description.merge(List.of(service(
                "\"/api/ping\":{\"get\":{\"security\":[],\"responses\":{\"200\":{\"description\":\"OK\"}}}}", "")));
        JsonNode responses = merged.at("/paths/~1api~1ping/get/responses");

        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "429", "503", "504");
        assertThat(responses.at("/429/headers/Retry-After/$ref").asString()).isEqualTo("#/components/headers/Retry-After");
        assertThat(responses.at("/200/headers/X-RateLimit-Limit/$ref").asString())
                .isEqualTo("#/components/headers/X-RateLimit-Limit");
        assertThat(merged.at("/components/headers/X-Request-Id/required").asBoolean()).isTrue();
    }

    @Test
    void anOperationTheEdgeGuardsNeedsATokenEvenIfTheServiceDoesNot() {
        JsonNode merged = description.merge(List.of(service(
                "\"/api/auth/logout\":{\"post\":{\"security\":[],\"responses\":{\"204\":{\"description\":\"No Content\"}}}}", "")));

        assertThat(merged.at("/paths/~1api~1auth~1logout/post/security/0/bearer").isArray()).isTrue();
        assertThat(merged.at("/paths/~1api~1auth~1logout/post/responses/401").isMissingNode()).isFalse();
    }

    @Test
    void dropsSchemasOnlyUnpublishedOperationsUsed() {
        JsonNode merged = description.merge(List.of(service(
                "\"/api/ping\":{\"get\":{\"security\":[],\"responses\":{\"200\":{\"description\":\"OK\","
                        + "\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Pong\"}}}}}}}",
                "\"Pong\":{\"type\":\"object\",\"properties\":{\"by\":{\"$ref\":\"#/components/schemas/Who\"}}},"
                        + "\"Who\":{\"type\":\"string\"},\"Unused\":{\"type\":\"string\"}")));

        assertThat(merged.at("/components/schemas").propertyNames()).containsExactlyInAnyOrder("Pong", "Who");
    }

    @Test
    void refusesTwoServicesDescribingOneSchemaDifferently() {
        JsonNode auth = service("", "\"Problem\":{\"type\":\"object\"}");
        JsonNode books = service("", "\"Problem\":{\"type\":\"string\"}");

        assertThatThrownBy(() -> description.merge(List.of(auth, books))).hasMessageContaining("Problem");
    }
}
