package dev.library.operator.desired;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/** The restricted Pod Security Standard, as every pod here wears it. */
final class PodHardening {

    static final String TMP_VOLUME = "tmp";
    /** The library images' non-root user: the parent pom's image.user, which jib writes into the images. */
    static final long APP_USER = ImageUser.get();
    /** The uid the official mongo and redis images run as. */
    static final long STORE_USER = 999;

    private PodHardening() {
    }

    static PodSecurityContext pod(long user) {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(user).withRunAsGroup(user)
                .withFsGroup(user).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    static SecurityContext container() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    /** /tmp as a writable emptyDir: the root filesystem is read-only. */
    static Volume tmpVolume() {
        return new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().withSizeLimit(
                new io.fabric8.kubernetes.api.model.Quantity("256Mi")).endEmptyDir().build();
    }

    static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build();
    }
}
