package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class GatewaySpec extends ComponentSpec {

    @JsonPropertyDescription("Number of gateway pods.")
    @Default("1")
    @Min(1)
    @Max(MAX_REPLICAS)
    public Integer replicas = 1;

    @JsonPropertyDescription("Regex of proxy addresses whose X-Forwarded-* headers the gateway keeps. Default:"
            + " the k3s pod network (where Traefik runs) when an ingress is enabled, none otherwise.")
    public String trustedProxies;

    public GatewaySpec() {
        super(ResourcesSpec.serviceDefaults());
    }

    @Override
    public Integer replicas() {
        return replicas;
    }
}
