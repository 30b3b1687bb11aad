package dev.library.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.library.gateway.problem.Problems;

/**
 * The public description at {@code /api/openapi.json} and a read-only Swagger UI at
 * {@code /api/docs}, both open to anyone. They are a gateway route like the API's (forwarded to
 * the handler here), so the same filters apply: request ids, rate limits, security headers. The
 * handler answers only requests that came through that route.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String ROUTE_ID = "api-docs";
    static final String DESCRIPTION_PATH = "/api/openapi.json";
    static final String UI_PATH = "/api/docs";
    /** Where the route forwards to; answered only for requests that came through the route. */
    private static final String HANDLER_PATH = "/gateway/api-docs";
    private static final String REQUESTED_PATH = ApiDocs.class.getName() + ".requestedPath";
    /** Swagger UI runs its own scripts and styles from this origin; nothing else, and no framing. */
    static final String UI_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Set<String> WEBJAR_FILES = Set.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-32x32.png", "favicon-16x16.png");
    private static final String OWN_FILES = "api-docs/";
    private static final Duration ASSET_MAX_AGE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(ApiDocs.class);

    private final String webjarVersion = webjarVersion();

    @Bean
    RouteLocator apiDocsRoute(RouteLocatorBuilder routes) {
        // A forward replaces the path with the route URI's, so the requested one is kept aside first.
        GatewayFilter keepPath = new OrderedGatewayFilter((exchange, chain) -> {
            exchange.getAttributes().put(REQUESTED_PATH, exchange.getRequest().getPath().value());
            return chain.filter(exchange);
        }, Ordered.HIGHEST_PRECEDENCE);
        return routes.routes()
                .route(ROUTE_ID, route -> route.method(HttpMethod.GET).and()
                        .path(DESCRIPTION_PATH, UI_PATH, UI_PATH + "/*")
                        .filters(filters -> filters.filter(keepPath))
                        .uri("forward:" + HANDLER_PATH))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsHandler(PublicApiDescription description) {
        RequestPredicate throughTheRoute = request -> request.exchange()
                .getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route route
                && ROUTE_ID.equals(route.getId());
        return RouterFunctions.route().GET(HANDLER_PATH, throughTheRoute, request -> {
            String path = request.exchange().getAttribute(REQUESTED_PATH);
            if (DESCRIPTION_PATH.equals(path)) {
                return description(description, request);
            }
            if (UI_PATH.equals(path)) {
                return file(new ClassPathResource(OWN_FILES + "index.html"), CacheControl.noCache());
            }
            return asset(path.substring(UI_PATH.length() + 1));
        }).build();
    }

    private static Mono<ServerResponse> description(PublicApiDescription description, ServerRequest request) {
        return description.bytes()
                .flatMap(bytes -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noCache()).bodyValue(bytes))
                .onErrorResume(error -> {
                    log.warn("The API description could not be built: {}", error.toString());
                    return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .bodyValue(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                                    "The API description is unavailable right now: a service did not publish its part.",
                                    request.exchange()));
                });
    }

    private Mono<ServerResponse> asset(String name) {
        if (name.equals("swagger-initializer.js")) {
            return file(new ClassPathResource(OWN_FILES + name), CacheControl.noCache());
        }
        if (!WEBJAR_FILES.contains(name)) {
            return ServerResponse.notFound().build();
        }
        return file(new ClassPathResource(WEBJAR + webjarVersion + "/" + name),
                CacheControl.maxAge(ASSET_MAX_AGE).cachePublic());
    }

    private static Mono<ServerResponse> file(Resource resource, CacheControl cacheControl) {
        return ServerResponse.ok()
                .contentType(MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .cacheControl(cacheControl)
                .header("Content-Security-Policy", UI_CONTENT_SECURITY_POLICY)
                .bodyValue(resource);
    }

    private static String webjarVersion() {
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("The Swagger UI webjar is missing", e);
        }
    }
}
