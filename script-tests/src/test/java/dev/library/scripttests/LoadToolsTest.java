package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.library.stores.embedded.RequiredTools;

/**
 * load/'s Python tools (load/library_load and the entry scripts bench, scale-out, chaos): their unit
 * tests (load/tests, Python's unittest) pass and pyflakes finds nothing in them. The entry scripts have
 * no .py extension, so they are named here one by one: a linter walking load/ would skip them.
 */
class LoadToolsTest {

    /** The interpreter the scripts' shebang names; Debian's python3-pyflakes installs for it. */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    private static final String[] PYTHON_FILES = {"load/library_load", "load/tests", "load/bench", "load/scale-out",
        "load/chaos", "load/auth_latency.py", "load/chaos_requests.py", "load/locustfile.py"};

    @Test
    void theLoadToolsUnitTestsPass() throws Exception {
        Path python = Script.require("python3", "Debian: apt-get install python3");

        Script.Result result = Script.run(Map.of(), python.toString(), "-m", "unittest", "discover",
                "-s", "load/tests", "-t", "load");

        // unittest reports on stderr: a failure prints which test and why.
        assertThat(result.exitCode()).as("python3 -m unittest discover -s load/tests -t load:%n%s%s", result.out(),
                result.err()).isZero();
        assertThat(result.err()).as("the tests ran").containsPattern("Ran [1-9][0-9]* tests").contains("OK");
    }

    @Test
    void pyflakesFindsNothingInTheLoadTools() throws Exception {
        boolean installed = Files.isExecutable(DEBIAN_PYTHON)
                && Script.run(Map.of(), DEBIAN_PYTHON.toString(), "-c", "import pyflakes").exitCode() == 0;
        if (RequiredTools.strict()) {
            assertThat(installed).as("pyflakes for %s (Debian: python3-pyflakes; .ci/run installs it)", DEBIAN_PYTHON)
                    .isTrue();
        }
        assumeTrue(installed, "pyflakes is not installed (Debian: apt-get install python3-pyflakes)");
        String[] command = new String[PYTHON_FILES.length + 3];
        command[0] = DEBIAN_PYTHON.toString();
        command[1] = "-m";
        command[2] = "pyflakes";
        System.arraycopy(PYTHON_FILES, 0, command, 3, PYTHON_FILES.length);

        Script.Result result = Script.run(Map.of(), command);

        assertThat(result.exitCode()).as("pyflakes:%n%s%s", result.out(), result.err()).isZero();
    }
}
