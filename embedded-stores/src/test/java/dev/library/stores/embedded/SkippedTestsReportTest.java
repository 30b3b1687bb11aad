package dev.library.stores.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkippedTestsReportTest {

    @TempDir
    Path root;

    @Test
    void theModulesOfOneBuildAddToOneList() throws Exception {
        Path report = root.resolve(SkippedTestsReport.REPORT);

        SkippedTestsReport.record(report, "2026-12-08T03:00:00Z", List.of("  RulesTest.a(): promtool is not installed"));
        SkippedTestsReport.record(report, "2026-12-08T03:00:00Z", List.of("  LocustSmokeTest.b(): locust is not installed"));

        assertThat(Files.readAllLines(report)).containsExactly("# build 2026-12-08T03:00:00Z",
                "  RulesTest.a(): promtool is not installed", "  LocustSmokeTest.b(): locust is not installed");
    }

    @Test
    void aNewBuildStartsTheListAnewEvenWhenItSkipsNothing() throws Exception {
        Path report = root.resolve(SkippedTestsReport.REPORT);
        SkippedTestsReport.record(report, "2026-12-08T03:00:00Z", List.of("  RulesTest.a(): promtool is not installed"));

        SkippedTestsReport.record(report, "2026-12-08T04:00:00Z", List.of());

        assertThat(Files.readAllLines(report)).containsExactly("# build 2026-12-08T04:00:00Z");
    }
}
