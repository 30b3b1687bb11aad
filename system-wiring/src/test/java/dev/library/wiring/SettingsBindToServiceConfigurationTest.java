package dev.library.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every variable the wiring sets must mean something to the service it is set on: either a
 * {@code ${NAME:...}} placeholder in its application.yaml, or the relaxed-binding form of one of
 * its keys. A renamed key fails here instead of being silently ignored in a cluster.
 */
class SettingsBindToServiceConfigurationTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    @ParameterizedTest
    @EnumSource(Component.class)
    void everySettingIsAVariableTheServiceReads(Component component) throws IOException {
        Path yaml = Path.of("..", component.id(), "src", "main", "resources", "application.yaml");
        Set<String> understood = variablesUnderstood(yaml);

        for (Setting setting : component.settings()) {
            assertThat(understood).as("%s in %s", setting.variable(), yaml).contains(setting.variable());
        }
        assertThat(understood).contains(Setting.SERVER_PORT.variable(), Setting.MANAGEMENT_SERVER_PORT.variable());
    }

    private static Set<String> variablesUnderstood(Path yaml) throws IOException {
        Set<String> variables = new HashSet<>();
        String text = Files.readString(yaml);
        Matcher placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            variables.add(placeholders.group(1));
        }
        try (Reader reader = Files.newBufferedReader(yaml)) {
            Map<String, Object> tree = new Yaml().load(reader);
            collectKeys("", tree, variables);
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static void collectKeys(String prefix, Map<String, Object> tree, Set<String> variables) {
        tree.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            variables.add(path.toUpperCase().replace('.', '_').replace('-', '_'));
            if (value instanceof Map<?, ?> child) {
                collectKeys(path, (Map<String, Object>) child, variables);
            }
        });
    }
}
