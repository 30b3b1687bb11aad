package dev.library.wiring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM settings of every library service, for small nodes: one or two cores, a few hundred MiB
 * per service, next to MongoDB, Redis and monitoring. Written once here; the images carry
 * {@link #FIXED} plus {@link #CONTAINER_HEAP} (see the jib configuration in the parent pom),
 * {@code ./run} uses {@link #onHost}. Figures behind the choices: docs/performance.md.
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
     * On a host (./run), where there is no limit to take a share of: the heap cap. Measured: after
     * load/bench's load each service's heap in use stays well under it (docs/performance.md).
     */
    public static final String HOST_HEAP = "-Xmx192m";

    /** The first JDK with -XX:+AutoCreateSharedArchive (JDK 19, JEP 350's follow-up). */
    static final int AUTO_CDS_FEATURE_VERSION = 19;

    private JvmOptions() {
    }

    /**
     * The options for one service run on a host: {@link #FIXED}, {@link #HOST_HEAP}, and, on a JDK
     * that can make one by itself, a class-data sharing archive per service, written at its first
     * exit and used from its next start (a changed jar makes the JDK write a new one).
     *
     * @param cdsArchive  where the service's archive lives, e.g. {@code <data-dir>/cds/book-service.jsa}
     * @param javaFeature the feature version of the JDK that runs the service (17, 21, 25...)
     */
    public static List<String> onHost(Path cdsArchive, int javaFeature) {
        List<String> options = new ArrayList<>(FIXED);
        options.add(HOST_HEAP);
        if (javaFeature >= AUTO_CDS_FEATURE_VERSION) {
            options.add("-XX:+AutoCreateSharedArchive");
            options.add("-XX:SharedArchiveFile=" + cdsArchive);
        }
        return List.copyOf(options);
    }
}
