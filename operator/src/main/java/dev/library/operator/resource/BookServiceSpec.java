package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

public class BookServiceSpec extends ComponentSpec {

    @JsonPropertyDescription("Number of book-service pods; the Library's scale subresource sets this.")
    @Default("1")
    @Min(1)
    @Max(MAX_REPLICAS)
    @SpecReplicas
    public Integer replicas = 1;

    public BookServiceSpec() {
        super(ResourcesSpec.serviceDefaults());
    }

    @Override
    public Integer replicas() {
        return replicas;
    }
}
