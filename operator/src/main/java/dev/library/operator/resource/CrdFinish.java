package dev.library.operator.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Finishes the CRD fabric8's generator writes (the build runs this right after it, see the
 * operator's pom) with what its annotations cannot say: status.conditions is a map list keyed by
 * type (so server-side apply merges conditions by type), and Age is the last printer column, as
 * kubectl shows it for built-in kinds (the generator sorts columns by JSON path).
 */
public final class CrdFinish {

    static final String CONDITION_KEY = "type";

    private CrdFinish() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        KubernetesSerialization serialization = new KubernetesSerialization();
        CustomResourceDefinition crd = serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        finish(crd);
        Files.writeString(file, "# Generated from dev.library.operator.resource.Library by fabric8's CRDGenerator and CrdFinish;"
                + " do not edit.\n" + serialization.asYaml(crd));
    }

    static void finish(CustomResourceDefinition crd) {
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
            columns.sort(Comparator.comparing(column -> column.getName().equals("Age")));
            version.setAdditionalPrinterColumns(columns);
            JSONSchemaProps conditions = version.getSchema().getOpenAPIV3Schema().getProperties().get("status")
                    .getProperties().get("conditions");
            conditions.setXKubernetesListType("map");
            conditions.setXKubernetesListMapKeys(List.of(CONDITION_KEY));
            // A map list's keys must be required in its items.
            conditions.getItems().getSchema().setRequired(List.of(CONDITION_KEY, "status"));
        }
    }
}
