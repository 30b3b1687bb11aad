package dev.library.gateway.edge;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code library.auth.*}: whose tokens pass the edge and where their keys are published. */
@ConfigurationProperties("library.auth")
public record EdgeTokenProperties(String issuer, URI jwksUri, Duration jwksCacheTtl, Duration jwksMinRefreshInterval,
        Duration jwksOutageTolerance) {
}
