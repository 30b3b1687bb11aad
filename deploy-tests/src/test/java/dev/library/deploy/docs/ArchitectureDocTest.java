package dev.library.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.library.deploy.Project;

/** docs/architecture.md is where a newcomer enters: its module table names every module the build has. */
class ArchitectureDocTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern TABLE_ROW_NAME = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    void everyModuleOfTheBuildHasARowInTheArchitectureModuleTable() throws IOException {
        assertThat(buildModules()).isNotEmpty();
        assertThat(documentedModules()).containsAll(buildModules());
    }

    @Test
    void theModuleTableNamesNoModuleTheBuildDoesNotHave() throws IOException {
        assertThat(buildModules()).containsAll(documentedModules());
    }

    private static List<String> buildModules() throws IOException {
        return matches(MODULE, Files.readString(Project.home().resolve("pom.xml")));
    }

    private static List<String> documentedModules() throws IOException {
        String doc = Files.readString(Project.home().resolve("docs/architecture.md"));
        int start = doc.indexOf("## Modules");
        return matches(TABLE_ROW_NAME, doc.substring(start, doc.indexOf("\n## ", start + 1)));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
