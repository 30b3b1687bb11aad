package dev.library.deploy.policy;

import java.util.List;

import dev.library.deploy.Manifests;

/** The operator's renders of k8s/examples, for tests outside this package. */
public final class DeploySubjectsAccess {

    private DeploySubjectsAccess() {
    }

    public static List<Manifests> operatorRenders() {
        return DeploySubjects.operatorRenders();
    }
}
