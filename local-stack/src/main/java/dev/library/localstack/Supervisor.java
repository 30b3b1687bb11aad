package dev.library.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.library.stores.embedded.RedisServerProcess;
import dev.library.wiring.Management;

/**
 * What a kubelet does for a pod, for the services of a running {@link Stack}: a service that exits
 * on its own is reported and started again after a backoff that doubles on every crash in a row; a
 * service stopped on purpose ({@link #stop}) stays stopped. Also what {@code ./run ctl} asks for:
 * stop, start, restart one instance, and roll every instance of a service one at a time, each
 * with the pods' preStop wait and graceful shutdown, the next only once this one is ready again.
 */
public final class Supervisor implements AutoCloseable {

    /** The name of the Redis ./run started, for {@code ./run ctl freeze|restart redis}. */
    public static final String REDIS = "redis";
    /** Restart waits: 1 s, 2 s, 4 s ... at most 30 s (a kubelet's CrashLoopBackOff, shortened for a laptop). */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A service that ran this long before crashing starts a fresh backoff series. */
    private static final Duration STABLE_RUN = Duration.ofMinutes(1);

    private final Stack stack;
    private final PrintStream out;
    private final Duration readyTimeout;
    private final Duration preStop;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Services stopped on purpose: not restarted. */
    private final Map<String, Boolean> stoppedOnPurpose = new ConcurrentHashMap<>();
    private final Map<String, Integer> restartCount = new ConcurrentHashMap<>();
    private final Map<String, Integer> crashesInARow = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile RedisServerProcess redis;

    /** Supervises the stack's services as started, with the pods' preStop wait. */
    public Supervisor(Stack stack, PrintStream out) {
        this(stack, out, Stack.READY_TIMEOUT, Management.PRE_STOP);
    }

    Supervisor(Stack stack, PrintStream out, Duration readyTimeout, Duration preStop) {
        this.stack = stack;
        this.out = out;
        this.readyTimeout = readyTimeout;
        this.preStop = preStop;
        for (ServiceProcess service : stack.services()) {
            startedAt.put(service.name(), Instant.now());
            watch(service);
        }
    }

    private void watch(ServiceProcess service) {
        Process process = service.process();
        if (process != null) {
            process.onExit().thenAccept(exited -> exited(service, exited));
        }
    }

    private void exited(ServiceProcess service, Process exited) {
        String name = service.name();
        if (closed || service.process() != exited || stoppedOnPurpose.containsKey(name) || lock(name).isLocked()) {
            return; // stopped on purpose, or already replaced by a restart
        }
        Instant started = startedAt.getOrDefault(name, Instant.now());
        int inARow = Duration.between(started, Instant.now()).compareTo(STABLE_RUN) >= 0 ? 1
                : crashesInARow.merge(name, 1, Integer::sum);
        crashesInARow.put(name, inARow);
        Duration wait = backoff(inARow);
        out.printf("%n%s exited unexpectedly (code %d); see %s. Restarting it in %d s.%n", name, exited.exitValue(),
                service.logFile(), wait.toSeconds());
        restarts.schedule(() -> restartAfterCrash(service), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restartAfterCrash(ServiceProcess service) {
        String name = service.name();
        if (closed || stoppedOnPurpose.containsKey(name) || service.isAlive()) {
            return;
        }
        ReentrantLock lock = lock(name);
        lock.lock();
        try {
            startWatched(service);
            out.printf("%s restarted after a crash, ready again.%n", name);
        } catch (IOException | RuntimeException e) {
            out.printf("%s did not start again: %s%n", name, firstLine(e.getMessage()));
            exitedWhileStarting(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** A restart that failed counts as a crash in a row: the next try waits longer. */
    private void exitedWhileStarting(ServiceProcess service) {
        service.stop();
        int inARow = crashesInARow.merge(service.name(), 1, Integer::sum);
        Duration wait = backoff(inARow);
        out.printf("Trying %s again in %d s.%n", service.name(), wait.toSeconds());
        restarts.schedule(() -> restartAfterCrash(service), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The wait before restart number {@code crashesInARow} of a crash series. */
    static Duration backoff(int crashesInARow) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(crashesInARow - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void startWatched(ServiceProcess service) throws IOException, InterruptedException {
        service.start(readyTimeout);
        startedAt.put(service.name(), Instant.now());
        restartCount.merge(service.name(), 1, Integer::sum);
        watch(service);
    }

    /** Stops an instance gracefully (preStop wait, SIGTERM); it stays stopped until {@link #start}. */
    public void stop(String name) {
        ServiceProcess service = stack.service(name);
        ReentrantLock lock = lock(name);
        lock.lock();
        try {
            stoppedOnPurpose.put(name, true);
            stopLikeAPod(service);
        } finally {
            lock.unlock();
        }
    }

    /** Starts a stopped instance and waits until it is ready; it is supervised again. */
    public void start(String name) throws IOException, InterruptedException {
        ServiceProcess service = stack.service(name);
        ReentrantLock lock = lock(name);
        lock.lock();
        try {
            if (!service.isAlive()) {
                startWatched(service);
            }
            stoppedOnPurpose.remove(name);
        } finally {
            lock.unlock();
        }
    }

    /** Stops an instance as a pod is stopped, starts it again, and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess service = stack.service(name);
        ReentrantLock lock = lock(name);
        lock.lock();
        try {
            stopLikeAPod(service);
            startWatched(service);
            stoppedOnPurpose.remove(name);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A rolling restart of every instance of {@code service} (book-service: book-service,
     * book-service-2 ...), one at a time, each ready again before the next stops.
     */
    public List<String> rollout(String service) throws IOException, InterruptedException {
        List<String> instances = instancesOf(service);
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no service " + service);
        }
        for (String instance : instances) {
            out.printf("Rolling %s ...%n", instance);
            restart(instance);
        }
        return instances;
    }

    List<String> instancesOf(String service) {
        return stack.services().stream().map(ServiceProcess::name)
                .filter(name -> name.equals(service) || name.matches(java.util.regex.Pattern.quote(service) + "-\\d+"))
                .toList();
    }

    /**
     * As the kubelet stops a pod: the preStop wait (the instance still serves meanwhile), then
     * SIGTERM, the service's graceful shutdown finishing what is in flight, SIGKILL only after grace.
     */
    private void stopLikeAPod(ServiceProcess service) {
        if (!service.isAlive()) {
            return;
        }
        try {
            Thread.sleep(preStop.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.stop();
    }

    /** SIGKILL, as the OOM killer or a lost node would: nothing finishes; the instance is restarted as after any crash. */
    public void kill(String name) {
        ServiceProcess service = stack.service(name);
        if (!service.isAlive()) {
            throw new IllegalArgumentException(name + " is not running");
        }
        service.kill();
    }

    /**
     * SIGSTOP now, SIGCONT after {@code duration}: the process keeps its ports open and answers
     * nothing meanwhile, like a hung process or a network partition. {@code name}: an instance or
     * {@value #REDIS} (the Redis ./run started).
     */
    public void freeze(String name, Duration duration) {
        if (REDIS.equals(name)) {
            RedisServerProcess frozen = redis();
            frozen.freeze();
            restarts.schedule(frozen::thaw, duration.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        ServiceProcess service = stack.service(name);
        service.freeze();
        restarts.schedule(service::thaw, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops and starts the Redis ./run started, on the same port: its cache and counters are gone. */
    public void restartRedis() {
        RedisServerProcess restarted = redis();
        restarted.stop();
        restarted.start();
    }

    /** Lets {@link #freeze} and {@code ctl restart redis} reach the Redis ./run started. */
    public void redis(RedisServerProcess redis) {
        this.redis = redis;
    }

    private RedisServerProcess redis() {
        if (redis == null) {
            throw new IllegalArgumentException("this stack uses an external Redis (REDIS_URL): ./run does not control it");
        }
        return redis;
    }

    /** One line per instance: name, state, pid, restarts, ports. */
    public String status() {
        StringBuilder table = new StringBuilder(String.format("%-15s %-10s %8s %9s  %s%n", "NAME", "STATE", "PID",
                "RESTARTS", "API / ACTUATOR"));
        for (ServiceProcess service : stack.services()) {
            String name = service.name();
            boolean alive = service.isAlive();
            String state = alive ? (lock(name).isLocked() ? "changing" : "running")
                    : stoppedOnPurpose.containsKey(name) ? "stopped" : lock(name).isLocked() ? "changing" : "restarting";
            table.append(String.format("%-15s %-10s %8s %9d  %s / %d%n", name, state, alive ? service.pid() : "-",
                    restartCount.getOrDefault(name, 0), service.url(), service.managementPort()));
        }
        return table.toString();
    }

    private ReentrantLock lock(String name) {
        return locks.computeIfAbsent(name, ignored -> new ReentrantLock());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Stops supervising (the stack is being stopped): nothing is restarted any more. */
    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
    }
}
