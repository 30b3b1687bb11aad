package dev.library.stores.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void filesAndDirectoriesAreCreatedOwnerOnlyWhateverTheUmask() throws Exception {
        Path file = OwnerOnlyFiles.createFileIfMissing(dir.resolve("a").resolve("b").resolve("secret"));

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(permissions(file.getParent().getParent())).isEqualTo("rwx------");
    }

    @Test
    void anExistingFileIsLeftAsItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("kept"), "content");

        OwnerOnlyFiles.createFileIfMissing(file);

        assertThat(Files.readString(file)).isEqualTo("content");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
