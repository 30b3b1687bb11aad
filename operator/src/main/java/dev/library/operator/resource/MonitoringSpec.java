package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    @JsonPropertyDescription("Annotate pods for Prometheus discovery (prometheus.io/scrape, port, path).")
    @Default("true")
    public Boolean scrape = true;

    @JsonPropertyDescription("Namespace of the Prometheus (pods labelled app.kubernetes.io/name=prometheus) that may "
            + "reach the management ports; empty: the Library's own namespace, where the chart's Prometheus runs.")
    @Pattern("^$|^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    public String prometheusNamespace;
}
