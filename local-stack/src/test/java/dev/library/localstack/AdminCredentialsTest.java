package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void aPasswordIsGeneratedOnceAndThenReused() throws Exception {
        AdminCredentials first = AdminCredentials.resolve(Map.of(), dataDir);
        AdminCredentials second = AdminCredentials.resolve(Map.of(), dataDir);

        assertThat(first.username()).isEqualTo("admin");
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.storedIn()))).isEqualTo("rw-------");
    }

    @Test
    void theEnvironmentWinsAndNothingIsStored() throws Exception {
        AdminCredentials credentials = AdminCredentials.resolve(
                Map.of("LIBRARY_ADMIN_USERNAME", "boss", "LIBRARY_ADMIN_PASSWORD", "from-the-env"), dataDir);

        assertThat(credentials.username()).isEqualTo("boss");
        assertThat(credentials.password()).isEqualTo("from-the-env");
        assertThat(dataDir.resolve("admin-password")).doesNotExist();
    }
}
