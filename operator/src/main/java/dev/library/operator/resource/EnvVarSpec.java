package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvVarSpec {

    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
    public String name;

    public String value = "";

    public EnvVarSpec() {
    }

    public EnvVarSpec(String name, String value) {
        this.name = name;
        this.value = value;
    }
}
