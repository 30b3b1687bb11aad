package dev.library.deploy.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import dev.library.deploy.Manifests;
import dev.library.deploy.Project;

/** The Helm chart helm/library, rendered offline by helm-java (Helm's own code) as release `library`. */
public final class Chart {

    public static final String RELEASE = "library";
    public static final String NAMESPACE = "library";
    /** The values files the chart is checked with, besides its defaults (helm/library/ci/, as chart-testing uses them). */
    public static final String DEFAULTS = "defaults";
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static Path hooksVisible;

    private Chart() {
    }

    public static Helm helm() {
        return new Helm(Project.chart());
    }

    /**
     * A copy of the chart whose `helm test` hooks render as ordinary objects: helm-java's template
     * (like `helm template --skip-tests`) leaves hooks out, and the policies must see those pods too.
     */
    static Path chartWithHooksVisible() {
        try {
            Path copy = Files.createTempDirectory("library-chart");
            try (Stream<Path> files = Files.walk(Project.chart())) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(Project.chart().relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, Files.readString(file).replace("helm.sh/hook:", "library.dev/helm-hook:"));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "defaults" and the name of every helm/library/ci/*-values.yaml. */
    public static List<String> valuesNames() {
        List<String> names = new ArrayList<>(List.of(DEFAULTS));
        try (Stream<Path> files = Files.list(Project.chart().resolve("ci"))) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("-values.yaml"))
                    .map(name -> name.substring(0, name.length() - "-values.yaml".length())).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The chart rendered with a named values file, `helm test` pods included (cached: rendering is pure). */
    public static Manifests rendered(String valuesName) {
        return RENDERED.computeIfAbsent(valuesName, name -> Manifests.parse("chart with " + name,
                template(new Helm(hooksVisible()), RELEASE, name.equals(DEFAULTS) ? null
                        : Project.chart().resolve("ci").resolve(name + "-values.yaml"), Map.of())));
    }

    public static List<Manifests> allRenderings() {
        return valuesNames().stream().map(Chart::rendered).toList();
    }

    /** `helm template library helm/library -n library [-f values] [--set k=v...]`. */
    public static String template(Path valuesFile, Map<String, Object> set) {
        return template(helm(), RELEASE, valuesFile, set);
    }

    /** The same with another release name. */
    public static String template(String release, Path valuesFile, Map<String, Object> set) {
        return template(helm(), release, valuesFile, set);
    }

    private static synchronized Path hooksVisible() {
        if (hooksVisible == null) {
            hooksVisible = chartWithHooksVisible();
        }
        return hooksVisible;
    }

    private static String template(Helm helm, String release, Path valuesFile, Map<String, Object> set) {
        TemplateCommand template = helm.template().withName(release).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> value : set.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return template.call();
    }
}
