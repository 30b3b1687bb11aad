package dev.library.operator.resource;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What every service shares: sizing, scaling, extra environment. Replicas live in the subclasses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ComponentSpec {

    public static final int MAX_REPLICAS = 20;
    /**
     * Heap share of the memory limit. 60: with the 512Mi limit the heap gets 307Mi and 205Mi stay
     * for what lives outside it, which measured 110-180 MiB per service (metaspace, code cache,
     * threads, direct buffers; docs/performance.md). 75 left 128Mi, too little at the high end.
     */
    public static final int DEFAULT_JVM_MEMORY_PERCENT = 60;
    public static final int MIN_JVM_MEMORY_PERCENT = 25;
    public static final int MAX_JVM_MEMORY_PERCENT = 90;

    @JsonPropertyDescription("CPU and memory requests and limits of the service container.")
    public ResourcesSpec resources;

    @JsonPropertyDescription("When set, a HorizontalPodAutoscaler owns the replica count (replicas is then ignored).")
    public AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Extra environment variables (e.g. LIBRARY_GATEWAY_RESPONSE_TIMEOUT); they override the operator's.")
    public List<EnvVarSpec> env = new ArrayList<>();

    @JsonPropertyDescription("Percent of the memory limit the JVM heap may use (-XX:MaxRAMPercentage).")
    @Default("" + DEFAULT_JVM_MEMORY_PERCENT)
    @Min(MIN_JVM_MEMORY_PERCENT)
    @Max(MAX_JVM_MEMORY_PERCENT)
    public Integer jvmMemoryPercent = DEFAULT_JVM_MEMORY_PERCENT;

    protected ComponentSpec(ResourcesSpec resources) {
        this.resources = resources;
    }

    /** The replica count asked for (each subclass declares its own field, for the scale subresource). */
    public abstract Integer replicas();
}
