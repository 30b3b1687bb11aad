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
    void aNewDataDirectoryForThePasswordIsOwnerOnly() throws Exception {
        Path fresh = dataDir.resolve("fresh-data");

        AdminCredentials credentials = AdminCredentials.resolve(Map.of(), fresh);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.storedIn())))
                .isEqualTo("rw-------");
    }

    @Test
    void whatTheLauncherPrintsNamesThePasswordFileButNeverThePassword() throws Exception {
        AdminCredentials credentials = AdminCredentials.resolve(Map.of(), dataDir);

        String printed = credentials.describe(Path::toString) + "\n"
                + credentials.loginCommand("http://localhost:8080", Path::toString) + "\n" + credentials;

        assertThat(printed).doesNotContain(credentials.password());
        assertThat(printed).contains(credentials.storedIn().toString());
    }

    @Test
    void aPasswordFromTheEnvironmentIsNotPrintedEither() throws Exception {
        AdminCredentials credentials = AdminCredentials.resolve(
                Map.of("LIBRARY_ADMIN_PASSWORD", "from-the-env-secret"), dataDir);

        assertThat(credentials.describe(Path::toString) + credentials.loginCommand("http://x", Path::toString)
                + credentials).doesNotContain("from-the-env-secret").contains("LIBRARY_ADMIN_PASSWORD");
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
