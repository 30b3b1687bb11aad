package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    @JsonPropertyDescription("Annotate pods for Prometheus discovery (prometheus.io/scrape, port, path).")
    @Default("true")
    public Boolean scrape = true;
}
