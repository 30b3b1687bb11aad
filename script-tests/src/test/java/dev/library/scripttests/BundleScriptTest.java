package dev.library.scripttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * images/bundle, the offline bundle for an instance without internet: its --dry-run plan (nothing
 * is downloadable here) and the layout it lists, which UserDataFirstBootTest installs from.
 */
class BundleScriptTest {

    static final String COMMIT = "0123456789ab";
    private static final Path SCRIPT = Script.HOME.resolve("images/bundle");

    private Map<String, String> pinned;

    @BeforeEach
    void tools() throws IOException {
        Script.require("python3", "Debian: apt-get install python3 python3-yaml");
        pinned = UserDataScriptTest.pinnedVersions();
    }

    /** The files a bundle for this architecture holds, as its dry run lists them. */
    static List<String> layout(String arch) throws IOException, InterruptedException {
        return dryRun(arch).lines("= ");
    }

    @Test
    void k3sItsAirgapImagesAndHelmComeAtUserDatasPinnedVersionsAndAreCheckedBeforeUse() throws Exception {
        List<String> plan = dryRun("arm64").lines("+ ");
        String k3s = pinned.get("K3S_VERSION");
        String release = "https://github.com/k3s-io/k3s/releases/download/" + k3s + "/";

        assertThat(plan).anyMatch(command -> command.startsWith("curl") && command.endsWith(release + "k3s-arm64"));
        assertThat(plan).anyMatch(command -> command.startsWith("curl")
                && command.endsWith(release + "k3s-airgap-images-arm64.tar.zst"));
        assertThat(plan).anyMatch(command -> command.startsWith("curl")
                && command.endsWith("https://raw.githubusercontent.com/k3s-io/k3s/" + k3s + "/install.sh"));
        assertThat(plan).anyMatch(command -> command.endsWith("https://get.helm.sh/helm-" + pinned.get("HELM_VERSION")
                + "-linux-arm64.tar.gz"));
        assertThat(plan.stream().filter(command -> command.startsWith("check_listed_sum"))).hasSize(2);
        assertThat(index(plan, "check_sum_file")).isLessThan(index(plan, "tar -xzf"));
        assertThat(plan).noneMatch(command -> command.contains("amd64") || command.contains("latest"));
    }

    @Test
    void theServiceImagesAreJibTarsForTheArchitectureTaggedWithVersionAndCommit() throws Exception {
        Script.Result result = dryRun("arm64");
        List<String> plan = result.lines("+ ");

        assertThat(plan).anyMatch(command -> command.contains("mvnw") && command.contains("-Pimages package")
                && command.contains("-Dimage.tag=0.1.0-g" + COMMIT) && command.contains("-Djib.from.platforms=linux/arm64"));
        for (String service : List.of("gateway", "auth-service", "book-service", "operator")) {
            assertThat(plan).contains("cp " + Script.HOME.resolve(service + "/target/image.tar") + " "
                    + bundleDir("arm64").resolve("images/library-" + service + ".tar"));
        }
        assertThat(result.out()).doesNotContain("SNAPSHOT");
    }

    @Test
    void everyImageTheChartRunsIsSavedTaggedWithItsReference() throws Exception {
        List<String> plan = dryRun("amd64").lines("+ ");
        Pattern copy = Pattern.compile("^skopeo copy --override-os linux --override-arch amd64 docker://(\\S+) "
                + "docker-archive:\\S+/images/(\\S+\\.tar):(\\S+)$");
        Set<String> saved = new TreeSet<>();
        for (String command : plan.stream().filter(command -> command.startsWith("skopeo")).toList()) {
            Matcher matcher = copy.matcher(command);
            assertThat(matcher.matches()).as(command).isTrue();
            assertThat(matcher.group(3)).as("the tag inside the archive").isEqualTo(matcher.group(1));
            saved.add(matcher.group(1));
        }

        assertThat(saved).containsAll(renderedThirdPartyImages()).allMatch(image -> image.matches(".+:[^:]*\\d[^:]*"));
    }

    @Test
    void theLayoutHoldsEverythingUserDataInstallsFrom() throws Exception {
        List<String> layout = layout("amd64");

        assertThat(layout).contains("manifest.env", "SHA256SUMS", "k3s/k3s", "k3s/install.sh",
                "k3s/k3s-airgap-images-amd64.tar.zst", "helm/helm", "chart/library-0.1.0-g" + COMMIT + ".tgz",
                "images/images.txt", "images/library-gateway.tar", "images/library-operator.tar");
        List<String> plan = dryRun("amd64").lines("+ ");
        String tar = Script.HOME.resolve("images/target/bundle/library-bundle-0.1.0-g" + COMMIT + "-amd64.tar").toString();
        assertThat(plan.get(plan.size() - 2)).startsWith("tar -cf " + tar);
        assertThat(plan.get(plan.size() - 1)).isEqualTo("write_user_data " + Script.HOME.resolve("images/target/bundle/user-data.sh")
                + " LIBRARY_BUNDLE=/opt/library/library-bundle-0.1.0-g" + COMMIT + "-amd64.tar");
    }

    @Test
    void withoutAnArchitectureItRefuses() throws Exception {
        Script.Result result = Script.run(Map.of(), "bash", SCRIPT.toString(), "--dry-run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--arch amd64 or --arch arm64 is required");
    }

    private static Script.Result dryRun(String arch) throws IOException, InterruptedException {
        Script.Result result = Script.run(Map.of("LIBRARY_COMMIT", COMMIT), "bash", SCRIPT.toString(), "--arch", arch,
                "--dry-run");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    private static Path bundleDir(String arch) {
        return Script.HOME.resolve("images/target/bundle/library-bundle-0.1.0-g" + COMMIT + "-" + arch);
    }

    /** The images of k8s/library (the chart rendered with its defaults) that are not library's own. */
    private static Set<String> renderedThirdPartyImages() throws IOException {
        Set<String> images = new TreeSet<>();
        Pattern image = Pattern.compile("^\\s*image: \"?([^\"\\s]+)\"?\\s*$", Pattern.MULTILINE);
        try (Stream<Path> files = Files.list(Script.HOME.resolve("k8s/library"))) {
            for (Path file : files.toList()) {
                Matcher matcher = image.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).contains("/library-")) {
                        images.add(matcher.group(1));
                    }
                }
            }
        }
        assertThat(images).isNotEmpty();
        return images;
    }

    private static int index(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starts with " + prefix);
    }
}
