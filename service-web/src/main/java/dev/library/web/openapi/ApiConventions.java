package dev.library.web.openapi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * The conventions every servlet service follows, written into its OpenAPI description: the
 * problem+json body of every error, the bearer scheme, and for each operation the problems its
 * kind can answer, plus what its {@link ApiOperation} says. Operations missing from the table
 * are described as what the services' security makes them by default: signed-in only.
 */
public class ApiConventions implements OpenApiCustomizer {

    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "FieldError";
    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    /** The response headers an {@link ApiOperation} may name. */
    public static final Map<String, Header> HEADERS = Map.of(
            "Location", header("Where the new resource is.", string().format("uri-reference")),
            "ETag", header("The version of the resource as a strong entity tag: its version number in double quotes, e.g. \"3\".",
                    string().pattern("^\"[0-9]+\"$")),
            "Retry-After", header("Seconds to wait before trying again.", integer(1)));

    private final ApiOperations operations;
    private final DataSize maxRequestBody;

    public ApiConventions(ApiOperations operations, DataSize maxRequestBody) {
        this.operations = operations;
        this.maxRequestBody = maxRequestBody;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title(operations.title()).description(operations.description())
                .version(openApi.getInfo() == null ? null : openApi.getInfo().getVersion()));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token from POST /api/auth/login or /api/auth/refresh."));
        components.addSchemas(FIELD_ERROR, object(Map.of(
                "field", string().description("The rejected field or parameter, as sent: authors[2], page."),
                "message", string().description("What is wrong with it.")), List.of("field", "message")));
        components.addSchemas(PROBLEM, object(new TreeMap<>(Map.of(
                "type", string().format("uri-reference").description("about:blank: the status says it all."),
                "title", string().description("The status's reason phrase."),
                "status", integer(100).maximum(java.math.BigDecimal.valueOf(599)),
                "detail", string().description("What went wrong, for a person."),
                "instance", string().format("uri-reference").description("The path that was requested."),
                "requestId", string().description("The X-Request-Id of the request: quote it in a report."),
                "errors", array(ref(FIELD_ERROR)).description("The rejected fields or parameters."))),
                List.of("title", "status")).description("RFC 9457 problem details.")
                // Swagger UI shows this instead of "string" for every property.
                .example(new TreeMap<>(Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                        "detail", "The request body has invalid fields.", "instance", "/api/books",
                        "requestId", "3f1c2a9e-7b4d-4c1e-9a57-0d2b6e8f1c44",
                        "errors", List.of(Map.of("field", "title", "message", "must be 1 to 200 characters"))))));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation, components)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation, Components components) {
        ApiOperation facts = operations.find(method.name(), path);
        if (facts == null) {
            facts = ApiOperation.of(operation.getOperationId(), null, operation.getSummary(), ApiOperation.Access.SIGNED_IN);
        }
        operation.operationId(facts.operationId()).summary(facts.summary())
                .description(facts.summary() + " " + switch (facts.access()) {
                    case PUBLIC -> "Public: no access token needed.";
                    case SIGNED_IN -> "Needs an access token (Authorization: Bearer).";
                    case ADMIN -> "Needs an access token with the ADMIN role (Authorization: Bearer).";
                });
        if (facts.tag() != null) {
            operation.tags(List.of(facts.tag()));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        ApiResponse success = responses.remove("200");
        if (success == null) {
            success = new ApiResponse();
        }
        success.description(HttpStatus.valueOf(facts.successStatus()).getReasonPhrase());
        if (facts.successStatus() == HttpStatus.NO_CONTENT.value()) {
            success.content(null);
        }
        for (String name : facts.successHeaders()) {
            success.addHeaderObject(name, HEADERS.get(name));
        }
        responses.addApiResponse(String.valueOf(facts.successStatus()), success);
        if (facts.notModified()) {
            responses.addApiResponse("304", new ApiResponse().description("Not Modified: If-None-Match names the current version.")
                    .addHeaderObject("ETag", HEADERS.get("ETag")));
        }

        boolean hasBody = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (hasBody) {
            strict(operation, components);
            problem(responses, 400, "The body is not valid JSON, has unknown or mistyped properties, or breaks a rule: 'errors' names the fields.");
            problem(responses, 413, "The body is larger than " + maxRequestBody.toKilobytes() + " KiB.");
            problem(responses, 415, "The body is not application/json.");
        }
        if (parameters.stream().anyMatch(parameter -> "query".equals(parameter.getIn()))) {
            problem(responses, 400, "A parameter is unknown, repeated, malformed or out of range: 'errors' names it.");
        }
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            problem(responses, 404, "There is no such resource.");
        }
        if (facts.access() == ApiOperation.Access.PUBLIC) {
            operation.security(List.of());
        } else {
            operation.security(List.of(new SecurityRequirement().addList(BEARER)));
            problem(responses, 401, "No access token, or one that is invalid or expired.");
            if (facts.access() == ApiOperation.Access.ADMIN) {
                problem(responses, 403, "The access token lacks the ADMIN role.");
            }
        }
        facts.problems().forEach((status, when) -> problem(responses, status, when));
    }

    /** Request bodies are read strictly: a property the schema does not name is refused (400). */
    private static void strict(Operation operation, Components components) {
        Content content = operation.getRequestBody().getContent();
        if (content == null) {
            return;
        }
        content.values().forEach(media -> {
            Schema<?> schema = media.getSchema();
            if (schema != null && schema.get$ref() != null && components.getSchemas() != null) {
                Schema<?> target = components.getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
                if (target != null) {
                    target.setAdditionalProperties(Boolean.FALSE);
                }
            }
        });
    }

    public static void problem(ApiResponses responses, int status, String when) {
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + when)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM))));
        if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.addHeaderObject("Retry-After", HEADERS.get("Retry-After"));
        }
        responses.addApiResponse(String.valueOf(status), response);
    }

    /**
     * Says that a response schema's properties are always present, and which of them may be null
     * (springdoc cannot tell from a record). The contract test holds responses to it.
     */
    public static void alwaysPresent(OpenAPI openApi, String schemaName, String... nullable) {
        Schema<?> schema = openApi.getComponents().getSchemas().get(schemaName);
        schema.setRequired(new java.util.ArrayList<>(new TreeMap<>(schema.getProperties()).keySet()));
        for (String name : nullable) {
            Schema<?> property = schema.getProperties().get(name);
            Set<String> types = new java.util.TreeSet<>(property.getTypes() == null ? Set.of() : property.getTypes());
            types.add("null");
            property.setTypes(types);
        }
    }

    /**
     * A whole example for a schema, so Swagger UI shows a realistic body instead of "string" for
     * each property; the contract test checks every example against its schema.
     */
    public static void example(OpenAPI openApi, String schemaName, Map<String, ?> example) {
        openApi.getComponents().getSchemas().get(schemaName).example(new TreeMap<>(example));
    }

    static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    static Schema<?> string() {
        return typed("string");
    }

    static Schema<?> integer(long minimum) {
        return typed("integer").minimum(java.math.BigDecimal.valueOf(minimum));
    }

    static Schema<?> array(Schema<?> items) {
        return typed("array").items(items);
    }

    static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }

    static Schema<?> object(Map<String, Schema> properties, List<String> required) {
        return typed("object").properties(new TreeMap<>(properties)).required(required);
    }

    /** A schema for OpenAPI 3.1, where the type is a set (JSON Schema 2020-12). */
    private static Schema<?> typed(String type) {
        Schema<?> schema = new JsonSchema();
        schema.specVersion(SpecVersion.V31);
        schema.types(Set.of(type));
        return schema;
    }
}
