package dev.library.gateway.openapi;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.library.gateway.GatewayProperties;

/**
 * The public OpenAPI description: the services' own descriptions (generated from their code and
 * read from their internal path), cut to what the gateway routes and completed with what the
 * edge adds to every operation (its token check, rate limits, circuit breakers and timeouts, and
 * the headers it sets). Built on demand and kept for a while; a failed build is not kept.
 */
@Component
class PublicApiDescription {

    static final String TITLE = "library API";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String HEADER_REF = "#/components/headers/";

    private final JsonMapper json;
    private final String version;
    private final Mono<byte[]> cached;

    PublicApiDescription(GatewayProperties gateway, ApiDocsProperties docs, JsonMapper json) {
        this.json = json;
        this.version = docs.version();
        WebClient client = WebClient.create();
        List<URI> services = List.of(gateway.authServiceUri().resolve(docs.servicePath()),
                // Every instance runs the same code: the first one's description stands for all.
                gateway.bookServiceUri().get(0).resolve(docs.servicePath()));
        this.cached = Flux.fromIterable(services)
                .concatMap(uri -> client.get().uri(uri).retrieve().bodyToMono(String.class).timeout(docs.timeout()))
                .map(json::readTree)
                .collectList()
                .map(descriptions -> json.writer().withDefaultPrettyPrinter().writeValueAsBytes(merge(descriptions)))
                .cache(description -> docs.cacheTtl(), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The merged description, as JSON bytes; an error if a service's description cannot be read. */
    Mono<byte[]> bytes() {
        return cached;
    }

    ObjectNode merge(List<JsonNode> descriptions) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", TITLE).put("version", version)
                .put("description", "The books API of library, as served by its gateway: accounts and sessions "
                        + "(auth) and the catalogue (books). Every error is application/problem+json (RFC 9457).");
        // Relative: the gateway that served this description is the one to call, whatever its address.
        root.putArray("servers").addObject().put("url", "/")
                .put("description", "The gateway this description was read from (/api/openapi.json on it).");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        Set<String> tags = new TreeSet<>();
        for (JsonNode description : descriptions) {
            description.path("paths").properties().forEach(entry -> {
                if (!EdgeContract.routes(entry.getKey())) {
                    return; // e.g. OpenID discovery: the service has it, the edge does not publish it
                }
                if (paths.has(entry.getKey())) {
                    throw new IllegalStateException("Two services describe " + entry.getKey());
                }
                ObjectNode item = (ObjectNode) entry.getValue().deepCopy();
                item.properties().forEach(operation -> {
                    atTheEdge(operation.getKey(), entry.getKey(), (ObjectNode) operation.getValue());
                    operation.getValue().path("tags").forEach(tag -> tags.add(tag.asString()));
                });
                paths.set(entry.getKey(), item);
            });
            description.path("components").properties().forEach(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(component -> {
                    JsonNode known = target.get(component.getKey());
                    if (known != null && !known.equals(component.getValue())) {
                        throw new IllegalStateException("Two services describe " + section.getKey() + " "
                                + component.getKey() + " differently");
                    }
                    target.set(component.getKey(), component.getValue().deepCopy());
                });
            });
        }
        ObjectNode headers = components.putObject("headers");
        headers.set("X-Request-Id", header("The request's id: the one sent, if sane, else a new one. Quote it in a report.",
                "string", null, true));
        headers.set("X-RateLimit-Limit", header("Requests this client may make at once (the burst of its bucket).",
                "integer", 1, false));
        headers.set("X-RateLimit-Remaining", header("Requests left in this client's bucket; absent while limits cannot be counted.",
                "integer", 0, false));
        headers.set("Retry-After", header("Seconds to wait before trying again.", "integer", 1, true));
        headers.set("Cache-Control", header("The service's own (book reads: private, no-cache, revalidate with the ETag), "
                + "else the edge's no-cache, no-store.", "string", null, false));
        ObjectNode wwwAuthenticate = header("RFC 6750: Bearer, with error=\"invalid_token\" when a token was sent but refused.",
                "string", null, false);
        ((ObjectNode) wwwAuthenticate.get("schema")).put("pattern", "^Bearer");
        headers.set("WWW-Authenticate", wwwAuthenticate);
        ArrayNode tagList = root.putArray("tags");
        tags.forEach(tag -> tagList.addObject().put("name", tag));
        dropUnreferencedSchemas(root);
        return sorted(root);
    }

    /** What the edge adds to one operation, whatever the service said. */
    private void atTheEdge(String method, String path, ObjectNode operation) {
        ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses")
                : operation.putObject("responses");
        if (!EdgeContract.open(method, path) && !operation.path("security").path(0).has("bearer")) {
            ArrayNode security = operation.putArray("security");
            security.addObject().putArray("bearer");
            problem(responses, HttpStatus.UNAUTHORIZED, "No access token, or one that is invalid or expired.");
        }
        problem(responses, HttpStatus.TOO_MANY_REQUESTS, "This client's rate limit is spent: wait Retry-After seconds.");
        problem(responses, HttpStatus.SERVICE_UNAVAILABLE,
                "The service is unavailable, or failing and paused by a circuit breaker: wait Retry-After seconds.");
        problem(responses, HttpStatus.GATEWAY_TIMEOUT, "The service did not answer in time.");
        responses.properties().forEach(response -> {
            ObjectNode headers = response.getValue().has("headers") ? (ObjectNode) response.getValue().get("headers")
                    : ((ObjectNode) response.getValue()).putObject("headers");
            for (String name : List.of("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Cache-Control")) {
                headers.putObject(name).put("$ref", HEADER_REF + name);
            }
            if (response.getKey().equals(String.valueOf(HttpStatus.UNAUTHORIZED.value()))) {
                headers.putObject("WWW-Authenticate").put("$ref", HEADER_REF + "WWW-Authenticate");
            }
        });
    }

    /** Adds a problem response, or, if the service already has one for the status, the edge's reason to it. */
    private void problem(ObjectNode responses, HttpStatus status, String when) {
        String code = String.valueOf(status.value());
        ObjectNode response = (ObjectNode) responses.get(code);
        if (response != null) {
            response.put("description", response.get("description").asString() + " Or, at the gateway: " + when);
        } else {
            response = responses.putObject(code);
            response.put("description", status.getReasonPhrase() + ": " + when);
            response.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", PROBLEM_REF);
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE
                || status == HttpStatus.GATEWAY_TIMEOUT) {
            ObjectNode headers = response.has("headers") ? (ObjectNode) response.get("headers") : response.putObject("headers");
            headers.putObject("Retry-After").put("$ref", HEADER_REF + "Retry-After");
        }
    }

    private ObjectNode header(String description, String type, Integer minimum, boolean required) {
        ObjectNode header = json.createObjectNode().put("description", description).put("required", required);
        ObjectNode schema = header.putObject("schema").put("type", type);
        if (minimum != null) {
            schema.put("minimum", minimum);
        }
        return header;
    }

    /** Schemas only the unpublished operations used (or none) are left out. */
    private static void dropUnreferencedSchemas(ObjectNode root) {
        ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
        if (schemas.isMissingNode()) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<JsonNode> pending = new ArrayList<>(List.of(root.get("paths")));
        while (!pending.isEmpty()) {
            for (String ref : refs(pending.remove(pending.size() - 1))) {
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                if (ref.startsWith("#/components/schemas/") && used.add(name) && schemas.has(name)) {
                    pending.add(schemas.get(name));
                }
            }
        }
        new ArrayList<>(schemas.propertyNames()).stream().filter(name -> !used.contains(name)).forEach(schemas::remove);
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        node.findValues("$ref").forEach(ref -> refs.add(ref.asString()));
        return refs;
    }

    /** Keys in order at every level, so the description diffs cleanly against the committed copy. */
    private ObjectNode sorted(ObjectNode node) {
        ObjectNode sorted = json.createObjectNode();
        new TreeSet<>(node.propertyNames()).forEach(name -> sorted.set(name, sortedValue(node.get(name))));
        return sorted;
    }

    private JsonNode sortedValue(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return sorted(object);
        }
        if (value instanceof ArrayNode array) {
            ArrayNode copy = json.createArrayNode();
            array.forEach(element -> copy.add(sortedValue(element)));
            return copy;
        }
        return value;
    }
}
