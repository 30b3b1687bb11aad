package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * images/publish: what a user runs once to put the images and the chart into their own registry.
 * Nothing can be pushed here, so its --dry-run plan is the specification.
 */
class PublishScriptTest {

    private static final String SCRIPT = Script.HOME.resolve("images/publish").toString();
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/library";
    private static final String COMMIT = "0123456789ab";

    @TempDir
    Path temp;

    @Test
    void withoutARegistryItRefusesBecauseThereIsNoDefault() throws Exception {
        Script.Result result = Script.run(Map.of(), "bash", SCRIPT, "--dry-run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--registry is required");
    }

    @Test
    void itPushesMultiArchImagesTaggedWithVersionAndCommitThenTheChart() throws Exception {
        Script.Result result = publish("--registry", REGISTRY, "--dry-run");

        List<String> plan = result.lines("+ ");
        assertThat(plan).hasSize(5);
        assertThat(plan.get(0)).startsWith("./mvnw ").contains("-Pimages package", "-Dimage.push=true",
                "-Dimage.registry=" + REGISTRY, "-Dimage.tag=0.1.0-g" + COMMIT).doesNotContain("jib.from.platforms");
        assertThat(plan.get(2)).isEqualTo("helm package helm/library --version 0.1.0-g" + COMMIT + " --app-version 0.1.0-g"
                + COMMIT + " --destination " + Script.HOME.resolve("images/target/publish"));
        assertThat(plan.get(3)).isEqualTo("helm push " + Script.HOME.resolve("images/target/publish/library-0.1.0-g" + COMMIT
                + ".tgz") + " oci://" + REGISTRY + "/charts");
        assertThat(result.out()).contains("linux/amd64,linux/arm64").doesNotContain("SNAPSHOT");
    }

    @Test
    void anotherPlatformListReplacesThePomsTwo() throws Exception {
        assertThat(publish("--registry", REGISTRY, "--platforms", "arm64", "--dry-run").lines("+ ").get(0))
                .contains("-Djib.from.platforms=linux/arm64");
        assertThat(Script.run(Map.of(), "bash", SCRIPT, "--registry", REGISTRY, "--platforms", "s390x", "--dry-run").exitCode())
                .isEqualTo(2);
    }

    @Test
    void theSettingsItPrintsAreWhatUserDataNeeds() throws Exception {
        Script.Result published = publish("--registry", REGISTRY, "--dry-run");
        Map<String, String> settings = new HashMap<>();
        published.out().lines().filter(line -> line.matches("LIBRARY_[A-Z_]+=.+")).forEach(line -> {
            int equals = line.indexOf('=');
            settings.put(line.substring(0, equals), line.substring(equals + 1));
        });
        assertThat(settings).containsOnlyKeys("LIBRARY_IMAGE_REGISTRY", "LIBRARY_IMAGE_TAG", "LIBRARY_CHART",
                "LIBRARY_CHART_VERSION");
        settings.put("LIBRARY_INSTALL_ENV", "/nonexistent/install.env");
        settings.put("LIBRARY_STATE_DIR", "/nonexistent/state");

        Script.Result userData = Script.run(settings, "bash", Script.HOME.resolve("k8s/ec2/user-data.sh").toString(), "--dry-run");

        assertThat(userData.exitCode()).as(userData.err()).isZero();
        assertThat(userData.lines("+ ")).anyMatch(command -> command.startsWith("helm upgrade --install library oci://"
                + REGISTRY + "/charts/library --version 0.1.0-g" + COMMIT));
    }

    @Test
    void theUserDataItWritesCarriesTheSettingsAndInstallsFromThePublishedRegistry() throws Exception {
        Path userData = temp.resolve("user-data.sh");
        Script.Result written = Script.run(Map.of("LIBRARY_COMMIT", COMMIT, "TARGET", userData.toString()), "bash", "-c",
                "source images/release.sh && write_user_data \"$TARGET\" $'LIBRARY_IMAGE_REGISTRY=" + REGISTRY
                        + "\\nLIBRARY_IMAGE_TAG=0.1.0-g" + COMMIT + "\\nLIBRARY_CHART_VERSION=0.1.0-g" + COMMIT + "'");
        assertThat(written.exitCode()).as(written.err()).isZero();

        Script.Result userDataRun = Script.run(Map.of("LIBRARY_INSTALL_ENV", temp.resolve("absent.env").toString(),
                "LIBRARY_STATE_DIR", temp.resolve("state").toString()), "bash", userData.toString(), "--dry-run");

        assertThat(userDataRun.exitCode()).as(userDataRun.err()).isZero();
        assertThat(userDataRun.out()).contains("registry " + REGISTRY + ", tag 0.1.0-g" + COMMIT);
        assertThat(Files.readString(userData)).hasLineCount(Files.readString(Script.HOME.resolve("k8s/ec2/user-data.sh"))
                .split("\n", -1).length - 1 + 3);
    }

    private static Script.Result publish(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT;
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        Script.Result result = Script.run(Map.of("LIBRARY_COMMIT", COMMIT), command);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }
}
