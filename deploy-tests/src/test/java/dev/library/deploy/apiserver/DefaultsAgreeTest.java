package dev.library.deploy.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.deploy.policy.DeploySubjects;

/**
 * The Library's defaults live in the operator's spec classes (and the CRD generated from them); the
 * chart's values, the images and the docs must say the same. Each test fails on a disagreement.
 */
class DefaultsAgreeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * The chart's default Library and an empty spec make the same objects: same heap share, CPU and
     * memory, store images, token lifetimes, everything. Only the two values the chart sets on
     * purpose are carried over: the image tag (its appVersion) and the ingress host.
     */
    @Test
    void theChartsDefaultLibraryMakesTheSameObjectsAsAnEmptySpec() throws IOException {
        Manifests chart = Manifests.parse("chart defaults", Chart.template(null, Map.of()));
        JsonNode library = SERIALIZATION.convertValue(chart.objects().stream().filter(o -> o.getKind().equals("Library"))
                .findFirst().orElseThrow(), JsonNode.class);
        String empty = """
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: %s, namespace: %s}
                spec:
                  images: {tag: "%s"}
                  ingress: {host: "%s"}
                """.formatted(library.at("/metadata/name").asText(), Chart.NAMESPACE, library.at("/spec/images/tag").asText(),
                library.at("/spec/ingress/host").asText());

        Manifests fromChart = DeploySubjects.operatorRender("the chart's default Library", NamesAndLabelsTest.library(chart));
        Manifests fromDefaults = DeploySubjects.operatorRender("an empty spec", empty);

        assertThat(fromChart.objects()).hasSameSizeAs(fromDefaults.objects());
        for (int i = 0; i < fromChart.objects().size(); i++) {
            HasMetadata fromValues = fromChart.objects().get(i);
            assertThat(SERIALIZATION.asYaml(fromValues)).as("%s from the chart's values vs the operator's defaults",
                    Manifests.describe(fromValues)).isEqualTo(SERIALIZATION.asYaml(fromDefaults.objects().get(i)));
        }
    }

    /** The parent pom's image.user is what jib writes into the images; the pods and the docs say the same. */
    @Test
    void everyLibraryPodRunsAsTheImagesUidAndTheDocsSaySo() throws IOException {
        Matcher property = Pattern.compile("<image.user>(\\d+)</image.user>").matcher(Files.readString(Project.home().resolve("pom.xml")));
        assertThat(property.find()).as("pom.xml sets image.user").isTrue();
        long uid = Long.parseLong(property.group(1));

        List<Long> users = new ArrayList<>();
        for (Manifests manifests : DeploySubjects.all()) {
            manifests.objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                    .filter(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                            .anyMatch(c -> c.getImage().contains("/library-")))
                    .forEach(d -> users.add(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()));
        }
        assertThat(users).as("runAsUser of every pod running a library image").isNotEmpty().containsOnly(uid);

        for (String doc : List.of("docs/kubernetes.md", "images/README.md", "operator/README.md")) {
            Set<Long> stated = new TreeSet<>();
            Matcher mention = Pattern.compile("(?:uid |--user |User \\| `|non-root \\()(\\d{3,})").matcher(
                    Files.readString(Project.home().resolve(doc)));
            while (mention.find()) {
                stated.add(Long.parseLong(mention.group(1)));
            }
            assertThat(stated).as("uids stated in %s", doc).isNotEmpty().containsOnly(uid);
        }
    }

    /** docs/kubernetes.md's table of values shows the chart's defaults. */
    @Test
    void theDocsValuesTableShowsTheChartsDefaults() throws IOException {
        JsonNode values = YAML.readTree(Project.chart().resolve("values.yaml").toFile());
        String docs = Files.readString(Project.home().resolve("docs/kubernetes.md"));
        for (String component : List.of("gateway", "authService", "bookService")) {
            JsonNode resources = values.at("/" + component + "/resources");
            assertThat(docs).contains("| `….resources` | %s/%s requests, %s CPU/%s limits |".formatted(
                    resources.at("/requests/cpu").asText(), resources.at("/requests/memory").asText(),
                    resources.at("/limits/cpu").asText(), resources.at("/limits/memory").asText()));
            assertThat(docs).contains("| `….jvmMemoryPercent` | %s |".formatted(values.at("/" + component + "/jvmMemoryPercent").asText()));
        }
        assertThat(docs).contains("| gateway URL, %s, %s | tokens |".formatted(values.at("/tokens/accessTokenTtl").asText(),
                values.at("/tokens/refreshTokenTtl").asText()));
    }
}
