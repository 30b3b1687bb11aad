package dev.library.stores.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes down every test that was skipped (an assumption failed: a tool that is not installed, or
 * a test that runs only on request) so that a green local build says what it did not test. The tests of every module
 * add to one file per build, {@code <root>/target/skipped-tests.txt}, which the build prints at
 * its end (the last module's {@code skipped-tests} step). Under {@code CI=true} a missing tool fails
 * instead, so CI's list is empty. Registered through {@code META-INF/services}; inert outside JUnit.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    /** The repository root, passed by the parent pom's surefire configuration. */
    static final String ROOT_PROPERTY = "library.build.root";
    /** The build's start time, the same for every module of one Maven run. */
    static final String BUILD_PROPERTY = "library.build.started";
    static final String REPORT = "target/skipped-tests.txt";
    private static final String BUILD_LINE = "# build ";

    private final List<String> skipped = new ArrayList<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("no reason given")
                    .replaceFirst("^Assumption failed: ", "");
            skipped.add("  " + simpleClassName(test) + "." + test.getLegacyReportingName() + ": " + reason);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        String root = System.getProperty(ROOT_PROPERTY);
        String build = System.getProperty(BUILD_PROPERTY);
        if (root == null || build == null || root.isBlank()) {
            return;
        }
        record(Path.of(root).resolve(REPORT), build, skipped);
    }

    /** Appends the lines to the report, which is started anew by the first module of a new build. */
    static void record(Path report, String build, List<String> lines) {
        try {
            Files.createDirectories(report.getParent());
            String header = BUILD_LINE + build;
            boolean sameBuild = Files.isRegularFile(report)
                    && Files.readAllLines(report, StandardCharsets.UTF_8).stream().findFirst().orElse("").equals(header);
            List<String> content = new ArrayList<>();
            if (!sameBuild) {
                content.add(header);
            }
            content.addAll(lines);
            Files.write(report, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    sameBuild ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleClassName(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(source -> source.getJavaClass().getSimpleName()).orElse("?");
    }
}
