package dev.library.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    private static final Path ARCHIVE = Path.of("/data/cds/book-service.jsa");

    @Test
    void onJdk17AHostRunsTheFixedOptionsWithAHeapCapAndNoArchive() {
        List<String> expected = new ArrayList<>(JvmOptions.FIXED);
        expected.add(JvmOptions.HOST_HEAP);

        assertThat(JvmOptions.onHost(ARCHIVE, 17)).containsExactlyElementsOf(expected);
    }

    @Test
    void fromJdk19AHostKeepsAClassDataSharingArchivePerService() {
        assertThat(JvmOptions.onHost(ARCHIVE, 19)).containsSequence("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + ARCHIVE);
        assertThat(JvmOptions.onHost(ARCHIVE, 25)).contains("-XX:SharedArchiveFile=" + ARCHIVE);
    }

    @Test
    void theHeapIsSizedOnlyByTheContainerShareOrTheHostCapNeverByBoth() {
        assertThat(JvmOptions.FIXED).noneMatch(option -> option.startsWith("-Xmx") || option.contains("RAMPercentage"));
        assertThat(JvmOptions.CONTAINER_HEAP).startsWith("-XX:MaxRAMPercentage=");
        assertThat(JvmOptions.HOST_HEAP).startsWith("-Xmx");
    }
}
