package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class AuthServiceSpec extends ComponentSpec {

    @JsonPropertyDescription("Number of auth-service pods.")
    @Default("1")
    @Min(1)
    @Max(MAX_REPLICAS)
    public Integer replicas = 1;

    public AuthServiceSpec() {
        // Argon2id hashing costs ~19 MiB per sign-in on top of the heap.
        super(ResourcesSpec.serviceDefaults());
    }

    @Override
    public Integer replicas() {
        return replicas;
    }
}
