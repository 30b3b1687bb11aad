package dev.library.gateway.openapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.gateway.api-docs.*}: where the services publish their own OpenAPI descriptions
 * and how the gateway merges them into the public one.
 *
 * @param servicePath the internal path of each service's description (never routed by the gateway)
 * @param version     the version of the public API, as the description states it
 * @param cacheTtl    how long a merged description is served before the services are asked again
 * @param timeout     how long the gateway waits for a service's description
 */
@ConfigurationProperties("library.gateway.api-docs")
public record ApiDocsProperties(String servicePath, String version, Duration cacheTtl, Duration timeout) {
}
