package dev.library.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM settings of every library service, for small nodes: one or two cores, a few hundred MiB
 * per service, next to MongoDB, Redis and monitoring. Written once here; the images carry
 * {@link #inContainer()} as jib's {@code jvmFlags} and {@link #CONTAINER_HEAP} as their
 * {@code JAVA_TOOL_OPTIONS} (the parent pom's jib configuration, kept equal by
 * {@code JibConfigurationTest}); {@code ./run} uses {@link #onHost}. Figures behind the choices:
 * docs/performance.md.
 */
public final class JvmOptions {

    /** The same in a container and on a host. */
    public static final List<String> FIXED = List.of(
            // One or two cores: a single-threaded collector has no GC threads competing with the
            // request threads, and the smallest footprint per heap byte. Pauses on these heaps are short.
            "-XX:+UseSerialGC",
            // Half the default stack per thread; the services run 50-250 threads (Tomcat, Netty, drivers).
            "-Xss512k",
            // Netty's buffers (gateway, Redisson, the HTTP clients) are direct memory: bounded, not 1x the heap.
            "-XX:MaxDirectMemorySize=64m");

    /** In a container: the heap as a share of the memory limit (the operator may replace it). */
    public static final String CONTAINER_HEAP = "-XX:MaxRAMPercentage=60";

    /**
     * On a host (./run), where there is no limit to take a share of: the heap cap, replaced per
     * service by {@link #forComponent}. Measured: after load the live set is 25-32 MiB per service
     * (docs/performance.md).
     */
    public static final String HOST_HEAP = "-Xmx96m";

    /**
     * auth-service's heap cap on a host: room for two Argon2 hashes (19 MiB each, one per core) on
     * top of its live set; under {@link #HOST_HEAP} its login bursts ran a full collection every
     * one or two hashes.
     */
    public static final String AUTH_SERVICE_HOST_HEAP = "-Xmx128m";

    /**
     * On a host the JVM would start with 1/64 of the machine's memory as its heap (384 MiB on 24 GiB,
     * clamped to {@link #HOST_HEAP}) and never give it back; from a small start the heap grows only
     * as far as the load needs. In a container the default start (1/64 of the limit) is small already.
     */
    public static final String HOST_INITIAL_HEAP = "-Xms32m";

    /**
     * Every 5 s the JVM returns freed malloc memory (compiler arenas, Netty's and the drivers' native
     * allocations) to the OS; glibc keeps it otherwise. JDK 17.0.9+, 21.0.1+ and 22+ have the option.
     */
    public static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    /**
     * In a pod, a JVM out of memory exits (and the kubelet restarts it) instead of limping on with
     * threads that died mid-request.
     */
    public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /** The first JDK with -XX:+AutoCreateSharedArchive (JDK 19, JEP 350's follow-up). */
    static final int AUTO_CDS_FEATURE_VERSION = 19;

    private JvmOptions() {
    }

    /**
     * The options every image starts its JVM with (the images run JDK 25, so native-heap trimming is
     * always there); the heap share comes separately, as {@link #CONTAINER_HEAP}, so that the operator
     * can replace it.
     */
    public static List<String> inContainer() {
        List<String> options = new ArrayList<>(FIXED);
        options.add(TRIM_NATIVE_HEAP);
        options.add(EXIT_ON_OUT_OF_MEMORY);
        return List.copyOf(options);
    }

    /**
     * The options for one service run on a host: {@link #FIXED}, the host heap, native-heap trimming
     * where the JDK has it, and a class-data sharing archive per service: on JDK 19+ the JDK makes and
     * renews it by itself; on JDK 17 it is written at the first clean stop ({@code -XX:ArchiveClassesAtExit})
     * and used from then on ({@link #useArchiveIfCurrent}).
     *
     * @param cdsArchive where the service's archive lives, e.g. {@code <data-dir>/cds/book-service.jsa}
     * @param java       the version of the JDK that runs the service
     */
    public static List<String> onHost(Path cdsArchive, Runtime.Version java) {
        List<String> options = new ArrayList<>(FIXED);
        options.add(HOST_INITIAL_HEAP);
        options.add(HOST_HEAP);
        if (canTrimNativeHeap(java)) {
            options.add(TRIM_NATIVE_HEAP);
        }
        if (java.feature() >= AUTO_CDS_FEATURE_VERSION) {
            options.add("-XX:+AutoCreateSharedArchive");
            options.add("-XX:SharedArchiveFile=" + cdsArchive);
        } else {
            options.add("-XX:ArchiveClassesAtExit=" + cdsArchive);
        }
        return List.copyOf(options);
    }

    /** The options of one component: {@link #HOST_HEAP} becomes auth-service's own cap for auth-service. */
    public static List<String> forComponent(List<String> options, Component component) {
        if (component != Component.AUTH_SERVICE) {
            return options;
        }
        return options.stream().map(option -> option.equals(HOST_HEAP) ? AUTH_SERVICE_HOST_HEAP : option).toList();
    }

    /** -XX:TrimNativeHeapInterval: JDK 22, backported to 21.0.1 and 17.0.9. */
    static boolean canTrimNativeHeap(Runtime.Version java) {
        return switch (java.feature()) {
            case 17 -> java.update() >= 9;
            case 18, 19, 20 -> false;
            case 21 -> java.update() >= 1;
            default -> java.feature() > 21;
        };
    }

    /**
     * On JDK 17, where the JDK does not renew an archive by itself: the options to start a service
     * whose class path is {@code jar}. An archive written after the jar was built is used
     * ({@code -XX:SharedArchiveFile}); without one, or with one older than the jar, the service
     * writes a new one when it stops ({@code -XX:ArchiveClassesAtExit}, as {@link #onHost} gave).
     */
    public static List<String> useArchiveIfCurrent(List<String> options, Path jar) {
        String dumpAtExit = "-XX:ArchiveClassesAtExit=";
        return options.stream().map(option -> {
            if (!option.startsWith(dumpAtExit)) {
                return option;
            }
            Path archive = Path.of(option.substring(dumpAtExit.length()));
            return isNewer(archive, jar) ? "-XX:SharedArchiveFile=" + archive : option;
        }).toList();
    }

    private static boolean isNewer(Path archive, Path jar) {
        try {
            return Files.isRegularFile(archive) && Files.isRegularFile(jar)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
