package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the Library's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

    /** A Secret's name (a DNS subdomain); empty where the field is optional. */
    public static final String SECRET_NAME = "^$|^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    @JsonPropertyDescription("Secret name.")
    @Required
    @Pattern(SECRET_NAME)
    public String name;

    @JsonPropertyDescription("Key within the Secret.")
    public String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }
}
