package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.library.e2e.contract.OpenApiContract;
import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/**
 * The public OpenAPI description and its Swagger UI, as the gateway serves them; the committed
 * copy (docs/openapi.json) must be exactly what the running code serves. To bring it up to date:
 * {@code ./mvnw -q -pl auth-service,book-service,gateway,e2e-tests -am verify -Dtest=PublicApiDescriptionTest -Dsurefire.failIfNoSpecifiedTests=false -Dlibrary.openapi.update=true}
 */
class PublicApiDescriptionTest extends EndToEndTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCommittedCopyIsWhatTheGatewayServes() throws IOException, InterruptedException {
        HttpApi.Response served = publishedDescription();
        assertThat(served.status()).isEqualTo(200);
        if (Boolean.getBoolean("library.openapi.update")) {
            Files.writeString(COMMITTED, served.body() + "\n");
        }

        assertThat(JSON.readTree(Files.readString(COMMITTED)))
                .as("docs/openapi.json differs from what the gateway serves; regenerate it (see docs/api.md)")
                .isEqualTo(served.json());
    }

    @Test
    void theDescriptionIsPublicAndBehindTheSameLimitsAndHeadersAsTheApi() throws InterruptedException {
        HttpApi.Response served = publishedDescription();

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("application/json");
        assertThat(served.header("X-Request-Id")).isNotBlank();
        assertThat(served.header("X-RateLimit-Limit")).isNotBlank();
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.json().get("openapi").asString()).isEqualTo("3.1.0");
    }

    @Test
    void everyExampleIsValidAgainstItsOwnSchema() throws InterruptedException {
        assertThat(new OpenApiContract(publishedDescription().json()).checkExamples()).isEmpty();
    }

    /** So Swagger UI shows a realistic body, not "string", and says what each operation does and needs. */
    @Test
    void everyOperationHasADescriptionAndEveryNamedBodyAnExample() throws InterruptedException {
        JsonNode description = publishedDescription().json();
        List<String> missing = new ArrayList<>();
        description.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            if (operation.getValue().path("description").asString("").isBlank()) {
                missing.add(name + ": no description");
            }
            operation.getValue().findValues("$ref").stream().map(JsonNode::asString)
                    .filter(ref -> ref.startsWith("#/components/schemas/"))
                    .filter(ref -> !description.at(ref.substring(1)).has("example"))
                    .forEach(ref -> missing.add(name + ": " + ref + " has no example"));
        }));

        assertThat(missing).isEmpty();
        assertThat(description.get("servers").get(0).get("url").asString()).isEqualTo("/");
    }

    @Test
    void swaggerUiIsServedFromTheWebjarAndReadOnly() {
        HttpApi.Response page = gateway.get("/api/docs");
        HttpApi.Response bundle = gateway.get("/api/docs/swagger-ui-bundle.js");
        HttpApi.Response initializer = gateway.get("/api/docs/swagger-initializer.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-eval");
        assertThat(page.header("X-RateLimit-Limit")).isNotBlank();
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(initializer.body()).contains("\"/api/openapi.json\"").contains("supportedSubmitMethods: []");
        assertThat(gateway.get("/api/docs/not-a-file.js").status()).isEqualTo(404);
    }

    @Test
    void describesNoActuatorNorInternalRoute() throws InterruptedException {
        JsonNode paths = publishedDescription().json().get("paths");

        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/") || path.equals("/.well-known/jwks.json"));
        assertThat(paths.propertyNames()).noneMatch(path -> path.contains("actuator") || path.contains("internal")
                || path.equals("/api/openapi.json"));
    }

    @Test
    void theServicesOwnDescriptionsAreNotRouted() throws Exception {
        String token = adminToken();

        assertThat(gateway.get("/internal/openapi", "Authorization", HttpApi.bearer(token)).status()).isEqualTo(404);
        assertThat(gateway.get("/api/auth/../../internal/openapi", "Authorization", HttpApi.bearer(token)).status())
                .isIn(400, 404);
    }

    /** The gateway's table of routes and open operations (EdgeContract) against the running edge. */
    @Test
    void everyDescribedOperationIsRoutedAndAsksForATokenExactlyWhenDescribedSo() throws InterruptedException {
        JsonNode paths = publishedDescription().json().get("paths");
        List<String> wrong = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String uri = path.getKey().replaceAll("\\{[^}]+}", "x");
            String method = operation.getKey().toUpperCase();
            boolean bearer = operation.getValue().path("security").path(0).has("bearer");
            int status = gateway.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.base() + uri))
                    .method(method, method.equals("POST") || method.equals("PUT")
                            ? java.net.http.HttpRequest.BodyPublishers.ofString("{}")
                            : java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/json")).status();
            if (bearer ? status != 401 : status == 401 || status == 404) {
                wrong.add(method + " " + uri + " answered " + status + " without a token; described "
                        + (bearer ? "as needing one" : "as open"));
            }
        }));

        assertThat(wrong).isEmpty();
    }

    @Test
    void whatTheServicesDescribeButTheGatewayDoesNotPublishIsNotRouted() throws Exception {
        JsonNode published = publishedDescription().json().get("paths");
        String token = adminToken();
        List<String> leaked = new ArrayList<>();
        for (String service : List.of(Stack.AUTH_SERVICE, Stack.BOOK_SERVICE)) {
            JsonNode own = new HttpApi(stack.service(service).url()).get("/internal/openapi").json().get("paths");
            own.propertyNames().stream().filter(path -> !published.has(path)).forEach(path -> {
                int status = gateway.get(path.replaceAll("\\{[^}]+}", "x"), "Authorization", HttpApi.bearer(token)).status();
                if (status != 404) {
                    leaked.add(path + " answered " + status);
                }
            });
        }

        assertThat(leaked).isEmpty();
    }
}
