package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    /** A Kubernetes quantity as written here (the chart's values.schema.json uses the same pattern). */
    public static final String QUANTITY = "^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$";

    @JsonPropertyDescription("What the scheduler reserves.")
    public CpuMemory requests = new CpuMemory();

    @JsonPropertyDescription("The ceiling; the JVM sizes its heap from limits.memory.")
    public CpuMemory limits = new CpuMemory();

    /**
     * Each service's default: 100m requested (idle near zero; the scheduler must fit three services,
     * two stores and monitoring on a 2-vCPU k3s node), up to 1 CPU; 384Mi requested, 512Mi limit.
     */
    public static ResourcesSpec serviceDefaults() {
        return of("100m", "384Mi", "1", "512Mi");
    }

    public static ResourcesSpec of(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        ResourcesSpec resources = new ResourcesSpec();
        resources.requests.cpu = cpuRequest;
        resources.requests.memory = memoryRequest;
        resources.limits.cpu = cpuLimit;
        resources.limits.memory = memoryLimit;
        return resources;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CpuMemory {

        @JsonPropertyDescription("CPU quantity, e.g. 250m or 1.")
        @Pattern(QUANTITY)
        public String cpu;

        @JsonPropertyDescription("Memory quantity, e.g. 512Mi.")
        @Pattern(QUANTITY)
        public String memory;
    }
}
