package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    @JsonPropertyDescription("What the scheduler reserves.")
    public CpuMemory requests = new CpuMemory();

    @JsonPropertyDescription("The ceiling; the JVM sizes its heap from limits.memory.")
    public CpuMemory limits = new CpuMemory();

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
        public String cpu;

        @JsonPropertyDescription("Memory quantity, e.g. 512Mi.")
        public String memory;
    }
}
