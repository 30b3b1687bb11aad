package dev.library.testhttp;

import java.util.Arrays;

/**
 * A component's metrics as Prometheus scrapes them: {@code /actuator/prometheus} on its
 * management port. Sums are 0 while a series does not exist yet.
 */
public final class Metrics {

    private final HttpApi management;

    /** @param management a client of the component's management port */
    public Metrics(HttpApi management) {
        this.management = management;
    }

    /** The whole scrape, in the Prometheus text format. */
    public String scrape() {
        return management.get("/actuator/prometheus").body();
    }

    /** The sum of the samples whose line starts with {@code seriesPrefix} (a name, perhaps with its first labels). */
    public double sum(String seriesPrefix) {
        return scrape().lines()
                .filter(line -> line.startsWith(seriesPrefix))
                .mapToDouble(Metrics::value)
                .sum();
    }

    /** The sum of the samples of {@code metric} whose labels contain every one of {@code labelFragments}. */
    public double sumWhere(String metric, String... labelFragments) {
        return scrape().lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> Arrays.stream(labelFragments).allMatch(line::contains))
                .mapToDouble(Metrics::value)
                .sum();
    }

    private static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
