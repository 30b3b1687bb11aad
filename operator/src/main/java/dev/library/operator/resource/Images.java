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

    /**
     * No one publishes library's images under a public name: the default is the local name
     * images/bundle imports them under, which no registry serves. Set the registry images/publish
     * pushed to.
     */
    public static final String DEFAULT_REGISTRY = "localhost/library";

    @JsonPropertyDescription("Registry and path prefix of the library images: where images/publish pushed them."
            + " Default localhost/library: only images imported on the node (images/bundle), never pulled.")
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
