package dev.library.auth.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code library.auth.password.*}: the Argon2id cost of hashing a password. */
@ConfigurationProperties("library.auth.password")
public record PasswordProperties(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism) {
}
