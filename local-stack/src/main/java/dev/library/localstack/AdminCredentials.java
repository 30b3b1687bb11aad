package dev.library.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The bootstrap admin of the local stack: from the environment when set, else {@code admin} with a
 * password generated on the first run and kept in the data directory (owner-readable only).
 */
record AdminCredentials(String username, String password, Path storedIn) {

    private static final String DEFAULT_USERNAME = "admin";
    private static final int PASSWORD_BYTES = 18;

    static AdminCredentials resolve(Map<String, String> env, Path dataDir) throws IOException {
        String username = env.getOrDefault("LIBRARY_ADMIN_USERNAME", DEFAULT_USERNAME);
        String password = env.get("LIBRARY_ADMIN_PASSWORD");
        if (password != null && !password.isBlank()) {
            return new AdminCredentials(username, password, null);
        }
        Path file = dataDir.resolve("admin-password");
        if (Files.exists(file)) {
            return new AdminCredentials(username, Files.readString(file, StandardCharsets.UTF_8).strip(), file);
        }
        byte[] random = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(dataDir);
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Best effort on file systems without POSIX permissions.
        }
        return new AdminCredentials(username, generated, file);
    }
}
