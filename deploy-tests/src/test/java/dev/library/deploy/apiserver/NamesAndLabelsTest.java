package dev.library.deploy.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;
import dev.library.deploy.chart.Chart;
import dev.library.deploy.policy.DeploySubjects;

/**
 * Every name and label the chart, k8s/ and the operator write is one the API server accepts (the
 * mock server checks none of them), also for the longest release name Helm allows and for store
 * images pinned by digest.
 */
class NamesAndLabelsTest {

    /** Helm refuses longer release names. */
    static final String LONGEST_RELEASE = "books-for-the-whole-county-library-network-prod-eu-01";
    static final String DIGEST = "@sha256:" + "0123456789abcdef".repeat(4);

    static List<Manifests> subjects() throws IOException {
        List<Manifests> subjects = new ArrayList<>(DeploySubjects.all());
        subjects.add(kubernetesFolder());
        return subjects;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyNameAndLabelIsOneTheApiServerAccepts(Manifests manifests) {
        assertThat(ApiServerNames.problems(manifests.asMaps())).as(manifests.name()).isEmpty();
    }

    @Test
    void theLongestReleaseNameWithDigestPinnedStoresGivesValidNamesAndLabelsInTheChartAndTheOperator() {
        assertThat(LONGEST_RELEASE).hasSize(53);
        Manifests chart = Manifests.parse("chart as " + LONGEST_RELEASE, Chart.template(LONGEST_RELEASE, null, Map.of(
                "mongodb.image", "docker.io/library/mongo:8.0.15" + DIGEST,
                "redis.image", "docker.io/library/redis:7.4.6-alpine" + DIGEST)));
        assertThat(ApiServerNames.problems(chart.asMaps())).as("the chart's objects").isEmpty();

        Manifests operator = DeploySubjects.operatorRender("operator render of the chart's Library", library(chart));
        assertThat(ApiServerNames.problems(operator.asMaps())).as("the operator's objects").isEmpty();
        assertThat(operator.objects()).filteredOn(o -> o.getMetadata().getName().contains("mongodb")
                && o.getKind().matches("StatefulSet|Service")).hasSize(2)
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "8.0.15"));
    }

    @Test
    void aStoreImagePinnedByDigestAloneGetsNoVersionLabelRatherThanAnInvalidOne() {
        Manifests operator = DeploySubjects.operatorRender("digest-only stores", """
                apiVersion: library.dev/v1alpha1
                kind: Library
                metadata: {name: books, namespace: library}
                spec:
                  mongodb: {image: "docker.io/library/mongo%s"}
                  redis: {image: "docker.io/library/redis%s"}
                """.formatted(DIGEST, DIGEST));

        assertThat(ApiServerNames.problems(operator.asMaps())).isEmpty();
        assertThat(operator.objects()).filteredOn(o -> o.getMetadata().getName().matches("books-(mongodb|redis)")
                && o.getKind().matches("StatefulSet|Service")).hasSize(4).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/version"));
    }

    @Test
    void theRulesRefuseWhatTheApiServerRefuses() {
        List<String> problems = ApiServerNames.problems(Manifests.parse("careless", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: 1-library-gateway
                  labels: {app.kubernetes.io/version: "8.0.15%s", "-bad": x}
                spec:
                  selector: {app: "ends-with-"}
                  ports: [{name: Http, port: 80}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: %s-mongodb}
                spec:
                  selector: {matchLabels: {app: db}}
                  serviceName: db
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: Mongo, image: mongo, ports: [{name: a-port-name-too-long, containerPort: 1}]}]}
                """.formatted(DIGEST, LONGEST_RELEASE)).asMaps());

        assertThat(problems).anyMatch(p -> p.contains("'1-library-gateway' is not a DNS-1035 label"))
                .anyMatch(p -> p.contains("label value '8.0.15@sha256"))
                .anyMatch(p -> p.contains("label key '-bad'"))
                .anyMatch(p -> p.contains("label value 'ends-with-'"))
                .anyMatch(p -> p.contains("port name 'a-port-name-too-long' is not an IANA service name"))
                .anyMatch(p -> p.contains("port name 'Http' is not a DNS-1123 label"))
                .anyMatch(p -> p.contains("StatefulSet " + LONGEST_RELEASE + "-mongodb: name") && p.contains("longer than 52"))
                .anyMatch(p -> p.contains("name 'Mongo' is not a DNS-1123 label"));
    }

    /** The Library object the chart renders, as YAML. */
    static String library(Manifests chart) {
        HasMetadata library = chart.objects().stream().filter(o -> o.getKind().equals("Library")).findFirst().orElseThrow();
        return new KubernetesSerialization().asYaml(library);
    }

    /** k8s/: what `kubectl apply -k k8s/` and the example apply (namespace, library/, crd/, examples/). */
    static Manifests kubernetesFolder() throws IOException {
        Path k8s = Project.home().resolve("k8s");
        StringBuilder yaml = new StringBuilder();
        for (String dir : List.of("", "library", "crd", "examples")) {
            try (Stream<Path> files = Files.list(k8s.resolve(dir))) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$") && !f.getFileName().toString()
                        .equals("kustomization.yaml")).sorted().toList()) {
                    yaml.append("---\n").append(Files.readString(file)).append('\n');
                }
            }
        }
        return Manifests.parse("k8s/", yaml.toString());
    }
}
