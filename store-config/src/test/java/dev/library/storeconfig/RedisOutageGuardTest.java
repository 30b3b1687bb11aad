package dev.library.storeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedisOutageGuardTest {

    private static final Duration BYPASS = Duration.ofSeconds(2);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final RedisOutageGuard guard = new RedisOutageGuard(logger(), "the thing is off", BYPASS, LOG_EVERY, now::get);

    @Test
    void redisIsUsedUntilItFails() {
        assertThat(guard.bypassing()).isFalse();
    }

    @Test
    void aFailureLeavesRedisAloneForTheBypassInterval() {
        guard.failed("get", new IllegalStateException("down"));

        assertThat(guard.bypassing()).isTrue();
        now.set(now.get().plus(BYPASS.minusMillis(1)));
        assertThat(guard.bypassing()).isTrue();
        now.set(now.get().plus(Duration.ofMillis(1)));
        assertThat(guard.bypassing()).isFalse();
    }

    @Test
    void anOutageIsLoggedOncePerIntervalWithWhatItCosts() {
        guard.failed("get", new IllegalStateException("down"));
        now.set(now.get().plus(BYPASS));
        guard.failed("get", new IllegalStateException("still down"));

        assertThat(messages()).containsExactly(
                "Redis unavailable (get): the thing is off for at least PT2S: java.lang.IllegalStateException: down");

        now.set(now.get().plus(LOG_EVERY));
        guard.failed("put", new IllegalStateException("down again"));

        assertThat(messages()).hasSize(2);
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Logger logger() {
        Logger logger = (Logger) LoggerFactory.getLogger(RedisOutageGuardTest.class.getName() + ".guard");
        logged.start();
        logger.addAppender(logged);
        return logger;
    }
}
