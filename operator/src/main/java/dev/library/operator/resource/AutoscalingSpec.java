package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
        message = "minReplicas must not exceed maxReplicas")
public class AutoscalingSpec {

    @JsonPropertyDescription("Fewest pods.")
    @Default("1")
    @Min(1)
    @Max(ComponentSpec.MAX_REPLICAS)
    public Integer minReplicas = 1;

    @JsonPropertyDescription("Most pods.")
    @Required
    @Min(1)
    @Max(ComponentSpec.MAX_REPLICAS)
    public Integer maxReplicas;

    @JsonPropertyDescription("Average CPU utilisation (percent of requests) the autoscaler aims for.")
    @Default("70")
    @Min(10)
    @Max(100)
    public Integer targetCpuUtilization = 70;
}
