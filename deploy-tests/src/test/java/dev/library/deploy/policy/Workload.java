package dev.library.deploy.policy;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import dev.library.deploy.Manifests;

/**
 * An object that runs pods, seen through its pod template: what every pod check looks at.
 *
 * @param owner      the Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod
 * @param namespace  its namespace ({@code defaultNamespace} when the object names none)
 * @param podLabels  the labels its pods get
 * @param selector   its selector (none for a bare Pod, a Job or a CronJob)
 * @param replicas   declared replicas (1 when not applicable)
 * @param spec       the pod spec
 */
public record Workload(HasMetadata owner, String namespace, Map<String, String> podLabels, LabelSelector selector,
        int replicas, PodSpec spec) {

    public static Optional<Workload> of(HasMetadata object, String defaultNamespace) {
        String namespace = Optional.ofNullable(object.getMetadata().getNamespace()).orElse(defaultNamespace);
        if (object instanceof Deployment deployment) {
            return Optional.of(from(deployment, namespace, deployment.getSpec().getTemplate(),
                    deployment.getSpec().getSelector(), deployment.getSpec().getReplicas()));
        }
        if (object instanceof StatefulSet statefulSet) {
            return Optional.of(from(statefulSet, namespace, statefulSet.getSpec().getTemplate(),
                    statefulSet.getSpec().getSelector(), statefulSet.getSpec().getReplicas()));
        }
        if (object instanceof DaemonSet daemonSet) {
            return Optional.of(from(daemonSet, namespace, daemonSet.getSpec().getTemplate(),
                    daemonSet.getSpec().getSelector(), 1));
        }
        if (object instanceof Job job) {
            return Optional.of(from(job, namespace, job.getSpec().getTemplate(), null, 1));
        }
        if (object instanceof CronJob cronJob) {
            return Optional.of(from(cronJob, namespace, cronJob.getSpec().getJobTemplate().getSpec().getTemplate(), null, 1));
        }
        if (object instanceof Pod pod) {
            return Optional.of(new Workload(pod, namespace, labels(pod.getMetadata().getLabels()), null, 1, pod.getSpec()));
        }
        return Optional.empty();
    }

    private static Workload from(HasMetadata owner, String namespace, PodTemplateSpec template, LabelSelector selector,
            Integer replicas) {
        Map<String, String> labels = template.getMetadata() == null ? Map.of() : labels(template.getMetadata().getLabels());
        return new Workload(owner, namespace, labels, selector, replicas == null ? 1 : replicas, template.getSpec());
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    /** Runs for good (and so needs probes), as opposed to a Job or a `helm test` pod that runs to completion. */
    public boolean longRunning() {
        return owner instanceof Deployment || owner instanceof StatefulSet || owner instanceof DaemonSet;
    }

    public String describe() {
        return Manifests.describe(owner);
    }
}
