package dev.library.deploy.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The "restricted" Pod Security Standard (Kubernetes 1.25+, baseline controls included), as the
 * admission controller applies it to a pod template: each violation as a sentence.
 */
public final class RestrictedPodSecurity {

    private static final Set<String> ALLOWED_VOLUME_SOURCES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> ALLOWED_SELINUX_TYPES = Set.of("", "container_t", "container_init_t",
            "container_kvm_t", "container_engine_t");

    private RestrictedPodSecurity() {
    }

    public static List<String> violations(Workload workload) {
        PodSpec pod = workload.spec();
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        List<String> violations = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("shares the host's network, PID or IPC namespace");
        }
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            String source = volumeSource(volume);
            if (!ALLOWED_VOLUME_SOURCES.contains(source)) {
                violations.add("volume " + volume.getName() + " is of type " + source + " (restricted allows "
                        + ALLOWED_VOLUME_SOURCES + ")");
            }
        }
        Optional.ofNullable(podContext.getSysctls()).orElse(List.of()).stream()
                .filter(sysctl -> !SAFE_SYSCTLS.contains(sysctl.getName()))
                .forEach(sysctl -> violations.add("sets the unsafe sysctl " + sysctl.getName()));
        if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add("runs as uid 0 (pod securityContext.runAsUser)");
        }
        seLinux(podContext.getSeLinuxOptions() == null ? null : podContext.getSeLinuxOptions().getType(),
                podContext.getSeLinuxOptions() != null && (podContext.getSeLinuxOptions().getUser() != null
                        || podContext.getSeLinuxOptions().getRole() != null), "pod", violations);
        seccomp(podContext.getSeccompProfile(), "pod", violations);

        Stream.of(pod.getInitContainers(), pod.getContainers()).filter(list -> list != null).flatMap(List::stream)
                .forEach(container -> {
                    String where = "container " + container.getName();
                    SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                    if (Boolean.TRUE.equals(context.getPrivileged())) {
                        violations.add(where + " is privileged");
                    }
                    if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                        violations.add(where + " must set allowPrivilegeEscalation: false");
                    }
                    boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                            || (context.getRunAsNonRoot() == null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
                    if (!nonRoot) {
                        violations.add(where + " must run as non-root (runAsNonRoot: true on the pod or container)");
                    }
                    if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                        violations.add(where + " runs as uid 0");
                    }
                    Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
                    if (capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                        violations.add(where + " must drop ALL capabilities");
                    }
                    Optional.ofNullable(capabilities.getAdd()).orElse(List.of()).stream()
                            .filter(capability -> !capability.equals("NET_BIND_SERVICE"))
                            .forEach(capability -> violations.add(where + " adds the capability " + capability));
                    Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                            .map(ContainerPort::getHostPort).filter(port -> port != null && port != 0)
                            .forEach(port -> violations.add(where + " uses host port " + port));
                    if (context.getProcMount() != null && !context.getProcMount().equals("Default")) {
                        violations.add(where + " sets procMount " + context.getProcMount());
                    }
                    if (context.getSeLinuxOptions() != null) {
                        seLinux(context.getSeLinuxOptions().getType(), context.getSeLinuxOptions().getUser() != null
                                || context.getSeLinuxOptions().getRole() != null, where, violations);
                    }
                    if (context.getSeccompProfile() != null) {
                        seccomp(context.getSeccompProfile(), where, violations);
                    } else if (podContext.getSeccompProfile() == null) {
                        violations.add(where + " has no seccomp profile (RuntimeDefault on the pod or container)");
                    }
                    if (context.getAppArmorProfile() != null
                            && "Unconfined".equals(context.getAppArmorProfile().getType())) {
                        violations.add(where + " runs without AppArmor");
                    }
                });
        return violations;
    }

    private static void seccomp(SeccompProfile profile, String where, List<String> violations) {
        if (profile != null && !Set.of("RuntimeDefault", "Localhost").contains(profile.getType())) {
            violations.add(where + " seccomp profile " + profile.getType() + " (RuntimeDefault or Localhost required)");
        }
    }

    private static void seLinux(String type, boolean userOrRole, String where, List<String> violations) {
        if ((type != null && !ALLOWED_SELINUX_TYPES.contains(type)) || userOrRole) {
            violations.add(where + " sets SELinux options the baseline forbids");
        }
    }

    /** The name of the one volume source set, e.g. emptyDir or hostPath. */
    static String volumeSource(Volume volume) {
        return ModelWalk.nonNullProperties(volume).stream().filter(name -> !name.equals("name")).findFirst()
                .orElse("(none)");
    }
}
