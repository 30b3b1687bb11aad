package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {

    @JsonPropertyDescription("Create an Ingress for the gateway.")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Host name; empty matches every host.")
    @Pattern("^$|^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")
    public String host;

    @JsonPropertyDescription("TLS Secret for the host; empty serves plain HTTP.")
    public String tlsSecret;

    @JsonPropertyDescription("IngressClass (Traefik on k3s).")
    @Default("traefik")
    public String className = "traefik";
}
