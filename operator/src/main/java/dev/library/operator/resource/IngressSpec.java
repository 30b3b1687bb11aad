package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.tlsSecret) || self.tlsSecret == '' || (has(self.host) && self.host != '')",
        message = "tlsSecret needs a host: the certificate is served for it and the gateway URL becomes https://<host>")
public class IngressSpec {

    @JsonPropertyDescription("Create an Ingress for the gateway.")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Host name; empty matches every host.")
    @Pattern("^$|^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")
    public String host;

    @JsonPropertyDescription("TLS Secret (kubernetes.io/tls) for the host; empty serves plain HTTP.")
    @Pattern(SecretKeyRef.SECRET_NAME)
    public String tlsSecret;

    @JsonPropertyDescription("IngressClass (Traefik on k3s).")
    @Default("traefik")
    public String className = "traefik";
}
