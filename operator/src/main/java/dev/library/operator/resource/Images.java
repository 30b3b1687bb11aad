package dev.library.operator.resource;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Images are {@code <registry>/library-<component>:<tag>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Images {

    public static final String DEFAULT_REGISTRY = "ghcr.io/dev-library";

    @JsonPropertyDescription("Registry and path prefix of the library images.")
    @Default(DEFAULT_REGISTRY)
    @Pattern("^[a-z0-9][a-z0-9.:/_-]*$")
    public String registry = DEFAULT_REGISTRY;

    @JsonPropertyDescription("Image tag; empty means the operator's own version.")
    @Pattern("^$|^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$")
    public String tag;

    @JsonPropertyDescription("Image pull policy of every library container.")
    @Default("IfNotPresent")
    public PullPolicy pullPolicy = PullPolicy.IfNotPresent;

    @JsonPropertyDescription("Names of docker-registry Secrets in this namespace used to pull the images.")
    public List<String> pullSecrets = new ArrayList<>();

    public enum PullPolicy {
        Always, IfNotPresent, Never
    }
}
