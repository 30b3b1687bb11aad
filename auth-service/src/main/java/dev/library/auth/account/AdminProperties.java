package dev.library.auth.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.admin.*} (env {@code LIBRARY_ADMIN_USERNAME}, {@code LIBRARY_ADMIN_PASSWORD}):
 * the bootstrap administrator. Both unset means no bootstrap.
 */
@ConfigurationProperties("library.admin")
public record AdminProperties(String username, String password) {

    boolean isConfigured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
}
