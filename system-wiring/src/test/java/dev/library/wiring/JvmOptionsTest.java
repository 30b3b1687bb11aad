package dev.library.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmOptionsTest {

    private static final Path ARCHIVE = Path.of("/data/cds/book-service.jsa");

    @Test
    void onJdk17AHostRunsTheFixedOptionsWithASmallStartingHeapUnderACapAndWritesAnArchiveAtExit() {
        List<String> options = JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("17.0.15"));

        assertThat(options).containsAll(JvmOptions.FIXED)
                .contains(JvmOptions.HOST_INITIAL_HEAP, JvmOptions.HOST_HEAP, JvmOptions.TRIM_NATIVE_HEAP,
                        "-XX:ArchiveClassesAtExit=" + ARCHIVE)
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile") || option.contains("AutoCreate"));
    }

    @Test
    void fromJdk19AHostKeepsAClassDataSharingArchivePerServiceThatTheJdkRenews() {
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("19"))).containsSequence("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + ARCHIVE);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("25.0.1"))).contains("-XX:SharedArchiveFile=" + ARCHIVE)
                .noneMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit"));
    }

    @Test
    void nativeHeapTrimmingIsAskedOnlyOfJdksThatHaveTheOption() {
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("17.0.8"))).doesNotContain(JvmOptions.TRIM_NATIVE_HEAP);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("17.0.9"))).contains(JvmOptions.TRIM_NATIVE_HEAP);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("20.0.2"))).doesNotContain(JvmOptions.TRIM_NATIVE_HEAP);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("21"))).doesNotContain(JvmOptions.TRIM_NATIVE_HEAP);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("21.0.1"))).contains(JvmOptions.TRIM_NATIVE_HEAP);
        assertThat(JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("25"))).contains(JvmOptions.TRIM_NATIVE_HEAP);
    }

    @Test
    void anArchiveWrittenAfterTheJarIsUsedInsteadOfWrittenAgain(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("book-service.jar"));
        Path archive = Files.createFile(dir.resolve("book-service.jsa"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-27T09:00:00Z")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-11-27T09:05:00Z")));

        assertThat(JvmOptions.useArchiveIfCurrent(List.of("-Xss512k", "-XX:ArchiveClassesAtExit=" + archive), jar))
                .containsExactly("-Xss512k", "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void anArchiveOlderThanTheJarOrMissingIsWrittenAgainAtExit(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("book-service.jar"));
        Path archive = Files.createFile(dir.resolve("book-service.jsa"));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-11-27T09:00:00Z")));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-27T09:05:00Z")));
        List<String> dump = List.of("-XX:ArchiveClassesAtExit=" + archive);

        assertThat(JvmOptions.useArchiveIfCurrent(dump, jar)).isEqualTo(dump);
        Files.delete(archive);
        assertThat(JvmOptions.useArchiveIfCurrent(dump, jar)).isEqualTo(dump);
    }

    @Test
    void authServiceGetsMoreHeapOnAHostForItsPasswordHashesAndTheOthersKeepTheCap() {
        List<String> options = JvmOptions.onHost(ARCHIVE, Runtime.Version.parse("17.0.15"));

        assertThat(JvmOptions.forComponent(options, Component.AUTH_SERVICE))
                .contains(JvmOptions.AUTH_SERVICE_HOST_HEAP).doesNotContain(JvmOptions.HOST_HEAP);
        assertThat(JvmOptions.forComponent(options, Component.BOOK_SERVICE)).isEqualTo(options);
        assertThat(JvmOptions.forComponent(options, Component.GATEWAY)).isEqualTo(options);
    }

    @Test
    void theHeapIsSizedOnlyByTheContainerShareOrTheHostCapNeverByBoth() {
        assertThat(JvmOptions.FIXED).noneMatch(option -> option.startsWith("-Xmx") || option.contains("RAMPercentage"));
        assertThat(JvmOptions.CONTAINER_HEAP).startsWith("-XX:MaxRAMPercentage=");
        assertThat(JvmOptions.HOST_HEAP).startsWith("-Xmx");
    }
}
