package dev.library.gateway.routing;

import java.net.ConnectException;
import java.util.function.Function;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.netty.http.client.PrematureCloseException;

import dev.library.gateway.GatewayProperties;

/**
 * The public surface: which paths go to which service, and how each call is protected. Each
 * route has a circuit breaker named after its service (answering 503 from /fallback while open)
 * around a retry of idempotent requests on connection failures and 503, and of writes whose
 * connection was refused (they never reached the service), with backoff. Nothing
 * else is routed: in particular no actuator, whatever the spelling.
 */
@Configuration(proxyBeanMethods = false)
public class Routes {

    /** The route (and circuit breaker) id of auth-service; the rate limits tell sign-ins by it. */
    public static final String AUTH_SERVICE = "auth-service";
    static final String BOOK_SERVICE = "book-service";

    @Bean
    RouteLocator libraryRoutes(RouteLocatorBuilder routes, GatewayProperties gateway) {
        return routes.routes()
                .route(AUTH_SERVICE, route -> route.path("/api/auth/**", "/.well-known/jwks.json")
                        .filters(protectedBy(AUTH_SERVICE, gateway))
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) gateway.connectTimeout().toMillis())
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, gateway.responseTimeout().toMillis())
                        .uri(gateway.authServiceUri()))
                .route(BOOK_SERVICE, route -> route.path("/api/books", "/api/books/**", "/api/ping")
                        .filters(protectedBy(BOOK_SERVICE, gateway))
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) gateway.connectTimeout().toMillis())
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, gateway.responseTimeout().toMillis())
                        .uri(gateway.bookServiceUri().get(0)))
                .build();
    }

    @Bean
    BookServiceInstances bookServiceInstances(GatewayProperties gateway) {
        return new BookServiceInstances(gateway.bookServiceUri());
    }

    private static Function<GatewayFilterSpec, org.springframework.cloud.gateway.route.builder.UriSpec> protectedBy(
            String service, GatewayProperties gateway) {
        return filters -> filters
                .circuitBreaker(breaker -> breaker.setName(service).setFallbackUri("forward:/fallback/" + service))
                .retry(retry -> retry
                        .setRetries(gateway.retry().attempts())
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                        .setStatuses(HttpStatus.SERVICE_UNAVAILABLE)
                        .setSeries()
                        .setExceptions(ConnectException.class, PrematureCloseException.class)
                        .setBackoff(new RetryGatewayFilterFactory.BackoffConfig(gateway.retry().firstBackoff(),
                                gateway.retry().maxBackoff(), 2, false)))
                // A refused connection never reached the service: a write is safe to send again, to the
                // next instance (an instance stopping in a rolling restart refuses connections).
                .retry(retry -> retry
                        .setRetries(gateway.retry().attempts())
                        .setMethods(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                        .setStatuses()
                        .setSeries()
                        .setExceptions(ConnectException.class)
                        .setBackoff(new RetryGatewayFilterFactory.BackoffConfig(gateway.retry().firstBackoff(),
                                gateway.retry().maxBackoff(), 2, false)));
    }
}
