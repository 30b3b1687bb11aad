package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || self.mode != 'External' || (has(self.urlSecret) && self.urlSecret.name != '')",
        message = "External mode needs urlSecret: the Secret holding the redis:// URL")
public class RedisSpec {

    /** Pinned, as the chart's default. */
    public static final String DEFAULT_IMAGE = "docker.io/library/redis:7.4.6-alpine";

    @JsonPropertyDescription("Managed: one Redis pod without persistence (cache and counters). External: urlSecret.")
    @Default("Managed")
    public StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: the Secret key holding the redis:// URL (key default: url).")
    public SecretKeyRef urlSecret;

    @JsonPropertyDescription("Managed mode: the Redis image.")
    @Default(DEFAULT_IMAGE)
    public String image = DEFAULT_IMAGE;

    @JsonPropertyDescription("Managed mode: resources of the redis container (maxmemory is 80% of limits.memory).")
    public ResourcesSpec resources = ResourcesSpec.of("100m", "128Mi", "500m", "256Mi");
}
