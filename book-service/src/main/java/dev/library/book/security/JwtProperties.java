package dev.library.book.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.auth.*}: whose tokens this service accepts and where their keys are published.
 */
@ConfigurationProperties("library.auth")
public record JwtProperties(String issuer, URI jwksUri, Duration jwksCacheTtl, Duration jwksMinRefreshInterval) {
}
