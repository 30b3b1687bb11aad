package dev.library.wiring;

import java.time.Duration;

/** What every service offers on its management port, and how it stops. */
public final class Management {

    /** The process alone: never an external system, so a store outage never restarts pods. */
    public static final String LIVENESS_PATH = "/actuator/health/liveness";
    /** Ready for traffic (auth-service and book-service include MongoDB). */
    public static final String READINESS_PATH = "/actuator/health/readiness";
    public static final String PROMETHEUS_PATH = "/actuator/prometheus";
    /** spring.lifecycle.timeout-per-shutdown-phase: how long in-flight requests may take to finish. */
    public static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(20);
    /**
     * The pods' preStop sleep, before SIGTERM: long enough for endpoints (and so every caller) to drop
     * the pod before Spring starts its graceful shutdown. {@code ./run ctl rollout} waits as long.
     */
    public static final Duration PRE_STOP = Duration.ofSeconds(5);
    /** preStop, then the services' graceful shutdown, then a margin before SIGKILL. */
    public static final Duration TERMINATION_GRACE = PRE_STOP.plus(GRACEFUL_SHUTDOWN).plusSeconds(5);

    private Management() {
    }
}
