package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisSpec {

    @JsonPropertyDescription("Managed: one Redis pod without persistence (cache and counters). External: urlSecret.")
    @Default("Managed")
    public StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: the Secret key holding the redis:// URL (key default: url).")
    public SecretKeyRef urlSecret;

    @JsonPropertyDescription("Managed mode: the Redis image.")
    @Default("docker.io/library/redis:7.4.6-alpine")
    public String image = "docker.io/library/redis:7.4.6-alpine";

    @JsonPropertyDescription("Managed mode: resources of the redis container (maxmemory is 80% of limits.memory).")
    public ResourcesSpec resources = ResourcesSpec.of("100m", "128Mi", "500m", "256Mi");
}
