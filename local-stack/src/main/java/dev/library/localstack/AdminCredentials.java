package dev.library.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

import dev.library.stores.embedded.OwnerOnlyFiles;

/**
 * The bootstrap admin of the local stack: from the environment when set, else {@code admin} with a
 * password generated on the first run and kept in the data directory (owner-readable only). The
 * password is never printed: the launcher shows where it is kept, and hands it to auth-service in
 * its environment (never on a command line, which other users can list).
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
        // Owner-only from its creation (not restricted afterwards): nobody else can ever open it.
        OwnerOnlyFiles.createFileIfMissing(file);
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
        return new AdminCredentials(username, generated, file);
    }

    /** Never the password: records print all their fields otherwise. */
    @Override
    public String toString() {
        return "AdminCredentials[username=" + username + ", storedIn=" + storedIn + "]";
    }

    /** For the start-up summary: the username and where the password is, never the password. */
    String describe(Function<Path, String> shown) {
        return username + "   (password " + (storedIn != null ? "in " + shown.apply(storedIn) : "from LIBRARY_ADMIN_PASSWORD")
                + ")";
    }

    /** A shell command that logs the admin in, reading the password where it is kept rather than showing it. */
    String loginCommand(String gatewayUrl, Function<Path, String> shown) {
        String password = storedIn != null ? "$(cat " + shown.apply(storedIn) + ")" : "$LIBRARY_ADMIN_PASSWORD";
        return "curl -s -X POST " + gatewayUrl + "/api/auth/login -H 'Content-Type: application/json' "
                + "-d \"{\\\"username\\\":\\\"" + username + "\\\",\\\"password\\\":\\\"" + password + "\\\"}\"";
    }
}
