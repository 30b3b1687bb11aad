package dev.library.e2e.contract;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks HTTP exchanges against an OpenAPI 3.1 description: the operation exists; its declared
 * parameters, headers and body are present when required and match their schemas; the response
 * status is declared; the response's media type, body and declared headers match. Schemas are
 * JSON Schema 2020-12 (what OpenAPI 3.1 uses), checked by networknt's json-schema-validator.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final JsonNode description;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new HashMap<>();
    private final List<Template> templates = new ArrayList<>();

    public OpenApiContract(JsonNode description) {
        this.description = description;
        description.get("paths").propertyNames().forEach(path -> templates.add(Template.of(path)));
        // Literal paths first: /api/books/search would win over /api/books/{id}.
        templates.sort((a, b) -> Long.compare(a.variables(), b.variables()));
    }

    /** The operation an exchange belongs to: "GET /api/books/{id}", if the description has it. */
    public Optional<String> operation(String method, URI uri) {
        return find(method, uri).map(found -> method.toUpperCase(Locale.ROOT) + " " + found.template().path());
    }

    /** What is wrong with a request, as the description sees it; empty if nothing. */
    public List<String> checkRequest(String method, URI uri, Map<String, String> headers, String body) {
        List<String> violations = new ArrayList<>();
        Optional<Found> found = find(method, uri);
        if (found.isEmpty()) {
            violations.add("no operation " + method + " " + uri.getPath());
            return violations;
        }
        JsonNode operation = found.get().operation();
        Map<String, String> query = query(uri);
        List<String> declared = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asString();
            String in = parameter.get("in").asString();
            declared.add(in + ":" + name);
            String value = switch (in) {
                case "path" -> found.get().variables().get(name);
                case "query" -> query.get(name);
                case "header" -> header(headers, name);
                default -> null;
            };
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    violations.add("request: required " + in + " parameter '" + name + "' missing");
                }
                continue;
            }
            validate("request " + in + " parameter '" + name + "'", parameter.get("schema"), scalar(value, parameter.get("schema")), violations);
        }
        query.keySet().stream().filter(name -> !declared.contains("query:" + name))
                .forEach(name -> violations.add("request: undeclared query parameter '" + name + "'"));
        if (operation.path("security").path(0).has("bearer") && header(headers, "Authorization") == null) {
            violations.add("request: the operation needs a bearer token and none was sent");
        }
        JsonNode requestBody = operation.get("requestBody");
        if (requestBody == null) {
            if (body != null && !body.isEmpty()) {
                violations.add("request: a body was sent to an operation that takes none");
            }
        } else if (body == null || body.isEmpty()) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add("request: the required body is missing");
            }
        } else {
            String type = mediaType(header(headers, "Content-Type"));
            JsonNode media = requestBody.path("content").get(type);
            if (media == null) {
                violations.add("request: media type " + type + " is not accepted");
            } else {
                validate("request body", media.get("schema"), parse(body, violations, "request body"), violations);
            }
        }
        return violations;
    }

    /** What is wrong with a response to a request, as the description sees it; empty if nothing. */
    public List<String> checkResponse(String method, URI uri, HttpResponse<String> response) {
        List<String> violations = new ArrayList<>();
        Optional<Found> found = find(method, uri);
        if (found.isEmpty()) {
            violations.add("no operation " + method + " " + uri.getPath());
            return violations;
        }
        JsonNode responses = found.get().operation().path("responses");
        String status = String.valueOf(response.statusCode());
        JsonNode declared = responses.has(status) ? responses.get(status) : responses.get("default");
        if (declared == null) {
            violations.add("response: status " + status + " is not declared (declared: " + responses.propertyNames() + ")");
            return violations;
        }
        String body = response.body();
        JsonNode content = declared.get("content");
        if (body == null || body.isEmpty()) {
            if (content != null && !content.isEmpty()) {
                violations.add("response " + status + ": no body, but the description declares " + content.propertyNames());
            }
        } else if (content == null) {
            violations.add("response " + status + ": a body the description does not declare");
        } else {
            String type = mediaType(response.headers().firstValue("Content-Type").orElse(null));
            JsonNode media = content.get(type);
            if (media == null) {
                violations.add("response " + status + ": media type " + type + " is not declared " + content.propertyNames());
            } else {
                validate("response " + status + " body", media.get("schema"), parse(body, violations, "response body"), violations);
            }
        }
        for (Map.Entry<String, JsonNode> entry : declared.path("headers").properties()) {
            JsonNode header = resolve(entry.getValue());
            Optional<String> value = response.headers().firstValue(entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    violations.add("response " + status + ": required header " + entry.getKey() + " missing");
                }
            } else {
                validate("response " + status + " header " + entry.getKey(), header.get("schema"),
                        scalar(value.get(), header.get("schema")), violations);
            }
        }
        return violations;
    }

    /** What is wrong with the examples of the description's schemas, checked against the schemas themselves. */
    public List<String> checkExamples() {
        List<String> violations = new ArrayList<>();
        description.path("components").path("schemas").properties().forEach(entry -> {
            if (entry.getValue().has("example")) {
                validate("example of " + entry.getKey(), JsonNodeFactory.instance.objectNode()
                        .put("$ref", "#/components/schemas/" + entry.getKey()), entry.getValue().get("example"), violations);
            }
        });
        return violations;
    }

    private Optional<Found> find(String method, URI uri) {
        for (Template template : templates) {
            Matcher matcher = template.pattern().matcher(uri.getRawPath());
            if (matcher.matches()) {
                JsonNode operation = description.get("paths").get(template.path()).get(method.toLowerCase(Locale.ROOT));
                if (operation == null) {
                    return Optional.empty();
                }
                Map<String, String> variables = new HashMap<>();
                for (int i = 0; i < template.names().size(); i++) {
                    variables.put(template.names().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
                }
                return Optional.of(new Found(template, operation, variables));
            }
        }
        return Optional.empty();
    }

    private void validate(String what, JsonNode schema, JsonNode value, List<String> violations) {
        if (schema == null || value == null) {
            return;
        }
        Schema compiledSchema = compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("$schema", DIALECT);
            document.setAll((ObjectNode) schema.deepCopy());
            document.set("components", description.get("components"));
            return schemas.getSchema(document);
        });
        for (Error error : compiledSchema.validate(value)) {
            violations.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = description.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    private static JsonNode scalar(String value, JsonNode schema) {
        String type = schema == null ? "string" : schema.path("type").asString("string");
        if (type.equals("integer") || type.equals("number")) {
            try {
                return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.trim()));
            } catch (NumberFormatException notANumber) {
                return JsonNodeFactory.instance.stringNode(value);
            }
        }
        return JsonNodeFactory.instance.stringNode(value);
    }

    private static JsonNode parse(String body, List<String> violations, String what) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            violations.add(what + ": not JSON: " + notJson.getMessage());
            return null;
        }
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private record Found(Template template, JsonNode operation, Map<String, String> variables) {
    }

    private record Template(String path, Pattern pattern, List<String> names) {

        static Template of(String path) {
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(path);
            int last = 0;
            while (variable.find()) {
                regex.append(Pattern.quote(path.substring(last, variable.start()))).append("([^/]+)");
                names.add(variable.group(1));
                last = variable.end();
            }
            regex.append(Pattern.quote(path.substring(last)));
            return new Template(path, Pattern.compile(regex.toString()), names);
        }

        long variables() {
            return names.size();
        }
    }
}
