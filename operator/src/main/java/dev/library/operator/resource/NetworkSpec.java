package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The cluster's network, as far as the services need to know it. */
public class NetworkSpec {

    /** k3s's default pod CIDR (its --cluster-cidr). */
    public static final String K3S_POD_CIDR = "10.42.0.0/16";

    @JsonPropertyDescription("The cluster's pod CIDR (IPv4), where the gateway and the ingress controller run:"
            + " auth-service and book-service believe X-Forwarded-For only from it, and with an ingress the gateway"
            + " keeps X-Forwarded-* only from it (unless gateway.trustedProxies is set). Default: k3s's 10.42.0.0/16;"
            + " elsewhere the cluster's --cluster-cidr.")
    @Default(K3S_POD_CIDR)
    @Pattern("^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$")
    public String podCidr = K3S_POD_CIDR;
}
