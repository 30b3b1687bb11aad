package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || self.mode != 'External' || (has(self.uriSecret) && self.uriSecret.name != '')",
        message = "External mode needs uriSecret: the Secret holding the mongodb:// connection string")
public class MongoDbSpec {

    /** Pinned, as the chart's default (an air-gapped node imports exactly this one). */
    public static final String DEFAULT_IMAGE = "docker.io/library/mongo:8.0.15";

    @JsonPropertyDescription("Managed: a single-member replica set run by the operator. External: uriSecret.")
    @Default("Managed")
    public StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: the Secret key holding the connection string (key default: uri).")
    public SecretKeyRef uriSecret;

    @JsonPropertyDescription("Managed mode: the MongoDB image.")
    @Default(DEFAULT_IMAGE)
    public String image = DEFAULT_IMAGE;

    @JsonPropertyDescription("Managed mode: StorageClass of the data volume; empty means the cluster default.")
    public String storageClass;

    @JsonPropertyDescription("Managed mode: size of the data volume.")
    @Default("5Gi")
    @Pattern(ResourcesSpec.QUANTITY)
    public String size = "5Gi";

    @JsonPropertyDescription("Managed mode: keep the data volume when the Library is deleted.")
    @Default("true")
    public Boolean keepVolumeOnDelete = true;

    @JsonPropertyDescription("Managed mode: resources of the mongod container.")
    public ResourcesSpec resources = ResourcesSpec.of("250m", "512Mi", "1", "1Gi");
}
