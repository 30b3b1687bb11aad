package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MongoDbSpec {

    @JsonPropertyDescription("Managed: a single-member replica set run by the operator. External: uriSecret.")
    @Default("Managed")
    public StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: the Secret key holding the connection string (key default: uri).")
    public SecretKeyRef uriSecret;

    @JsonPropertyDescription("Managed mode: the MongoDB image.")
    @Default("docker.io/library/mongo:8.0.15")
    public String image = "docker.io/library/mongo:8.0.15";

    @JsonPropertyDescription("Managed mode: StorageClass of the data volume; empty means the cluster default.")
    public String storageClass;

    @JsonPropertyDescription("Managed mode: size of the data volume.")
    @Default("5Gi")
    public String size = "5Gi";

    @JsonPropertyDescription("Managed mode: keep the data volume when the Library is deleted.")
    @Default("true")
    public Boolean keepVolumeOnDelete = true;

    @JsonPropertyDescription("Managed mode: resources of the mongod container.")
    public ResourcesSpec resources = ResourcesSpec.of("250m", "512Mi", "1", "1Gi");
}
