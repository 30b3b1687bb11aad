package dev.library.operator.resource;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One installation of the library system. The operator creates and keeps in step every workload,
 * Service, policy and Secret it needs. This class is the source of the CRD (generated at build time).
 */
@Group(Library.GROUP)
@Version(Library.VERSION)
@Kind("Library")
@Plural("libraries")
@Singular("library")
@ShortNames("lib")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Gateway URL", jsonPath = ".status.gatewayUrl", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// Its name prefixes every object's name and is the app.kubernetes.io/instance label, and Services
// need DNS-1035 labels; 53 is Helm's longest release name.
@ValidationRule(value = "self.metadata.name.size() <= " + Library.MAX_NAME
        + " && self.metadata.name.matches('" + Library.NAME_PATTERN + "')",
        message = "metadata.name must be a DNS-1035 label (a-z, 0-9, '-', starting with a letter) of at most 53 characters")
public class Library extends CustomResource<LibrarySpec, LibraryStatus> implements Namespaced {

    public static final String GROUP = "library.dev";
    public static final String VERSION = "v1alpha1";
    public static final int MAX_NAME = 53;
    public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    @Override
    protected LibrarySpec initSpec() {
        return new LibrarySpec();
    }

    @Override
    protected LibraryStatus initStatus() {
        return new LibraryStatus();
    }
}
