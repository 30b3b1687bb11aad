package dev.library.operator.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;

import dev.library.wiring.Component;
import dev.library.wiring.Store;

/**
 * One ingress policy per part, so every pod of the Library is isolated and takes only what is
 * listed: the gateway's API port from anywhere; auth-service's and book-service's API ports from
 * their callers (the wiring says who calls whom); the stores from the services that use them;
 * management ports from Prometheus pods of one namespace (the Library's own, or
 * {@code spec.monitoring.prometheusNamespace}): a pod that merely calls itself prometheus elsewhere
 * in the cluster gets nothing.
 */
final class NetworkPolicies {

    /** The label the API server gives every namespace (Kubernetes 1.22+): a namespace selected by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Meta meta;
    private final String version;
    /** Where the scraping Prometheus runs; null for the Library's own namespace. */
    private final String prometheusNamespace;

    NetworkPolicies(Meta meta, String version, String prometheusNamespace) {
        this.meta = meta;
        this.version = version;
        this.prometheusNamespace = prometheusNamespace == null || prometheusNamespace.isBlank() ? null : prometheusNamespace;
    }

    NetworkPolicy forComponent(Component component) {
        Part part = Part.of(component);
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        NetworkPolicyIngressRuleBuilder api = new NetworkPolicyIngressRuleBuilder()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(component.apiPort())).endPort();
        if (!component.acceptsOutsideTraffic()) {
            api.withFrom(component.callers().stream().map(caller -> podsOf(Part.of(caller))).toList());
        }
        rules.add(api.build());
        rules.add(new NetworkPolicyIngressRuleBuilder()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(component.managementPort())).endPort()
                .withFrom(prometheus()).build());
        return policy(part, rules);
    }

    NetworkPolicy forStore(Store store, Part part) {
        List<NetworkPolicyPeer> clients = new ArrayList<>();
        for (Component component : Component.values()) {
            if (component.stores().contains(store)) {
                clients.add(podsOf(Part.of(component)));
            }
        }
        if (store == Store.MONGODB) {
            // The replica set member reaches itself through its Service name.
            clients.add(podsOf(part));
        }
        return policy(part, List.of(new NetworkPolicyIngressRuleBuilder()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(store.port())).endPort()
                .withFrom(clients).build()));
    }

    private NetworkPolicy policy(Part part, List<NetworkPolicyIngressRule> rules) {
        return new NetworkPolicyBuilder().withMetadata(meta.object(meta.name(part), part, part.role(), version))
                .withNewSpec().withNewPodSelector().withMatchLabels(meta.selector(part)).endPodSelector()
                .withPolicyTypes("Ingress").withIngress(rules).endSpec().build();
    }

    private NetworkPolicyPeer podsOf(Part part) {
        return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
                .withMatchLabels(meta.selector(part)).build()).build();
    }

    /** Prometheus pods of the Library's namespace (a peer without namespace selector), or of the named one. */
    private NetworkPolicyPeer prometheus() {
        NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(Meta.NAME, "prometheus")).build());
        if (prometheusNamespace != null) {
            peer.withNamespaceSelector(new LabelSelectorBuilder()
                    .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, prometheusNamespace)).build());
        }
        return peer.build();
    }
}
