package dev.library.operator.desired;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;

import dev.library.operator.resource.IngressSpec;
import dev.library.wiring.Component;

/** The one way in from outside: every path to the gateway's Service. */
final class GatewayIngress {

    private GatewayIngress() {
    }

    static Ingress of(Meta meta, IngressSpec spec, String version) {
        Part part = Part.GATEWAY;
        IngressRuleBuilder rule = new IngressRuleBuilder();
        if (Settings.notBlank(spec.host)) {
            rule.withHost(spec.host);
        }
        rule.withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(meta.name(part)).withNewPort().withNumber(Component.GATEWAY.apiPort()).endPort()
                .endService().endBackend().endPath().endHttp();
        IngressBuilder ingress = new IngressBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec().withIngressClassName(spec.className).withRules(rule.build()).endSpec();
        if (Settings.notBlank(spec.tlsSecret)) {
            ingress.editSpec().addNewTl().withSecretName(spec.tlsSecret)
                    .withHosts(Settings.notBlank(spec.host) ? java.util.List.of(spec.host) : java.util.List.of())
                    .endTl().endSpec();
        }
        return ingress.build();
    }
}
