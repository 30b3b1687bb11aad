package dev.library.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated signing key is owner-only from its creation, and so is a directory made for it. */
class SigningKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyAndItsNewDirectoryAreOwnerOnly() throws Exception {
        Path keys = dir.resolve("data").resolve("auth-signing-keys");

        Path key = SigningKeys.generate(keys, 2048);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())))
                .isEqualTo("rwx------");
    }
}
