package dev.library.stores.embedded;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the local stack's files (data, logs, secrets) readable by their owner only, with the
 * permissions set at creation: there is no moment in which another user could open them. On file
 * systems without POSIX permissions the files are created with the platform's defaults.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} and any missing parents as owner-only directories; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, attribute(DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile: fine
        }
        return dir;
    }

    /** Creates an empty owner-only file (and owner-only parents) unless it exists already. */
    public static Path createFileIfMissing(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException exists) {
            // kept as it is
        }
        return file;
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
