package dev.library.auth.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The counters SREs watch on auth-service: logins by outcome, tokens issued, refresh reuse. */
@Component
class SessionMetrics {

    private final MeterRegistry meters;
    private final Counter tokensIssued;
    private final Counter refreshReuse;

    SessionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.tokensIssued = Counter.builder("library.auth.tokens.issued")
                .description("Access/refresh token pairs issued (logins and refreshes)").register(meters);
        this.refreshReuse = Counter.builder("library.auth.refresh.reuse.detected")
                .description("Refresh tokens presented again after use; each revoked its family").register(meters);
        for (String outcome : new String[] {"success", "bad_credentials", "throttled", "disabled"}) {
            login(outcome, 0);
        }
    }

    void login(String outcome) {
        login(outcome, 1);
    }

    private void login(String outcome, int count) {
        Counter.builder("library.auth.logins").description("Login attempts by outcome").tag("outcome", outcome)
                .register(meters).increment(count);
    }

    void tokensIssued() {
        tokensIssued.increment();
    }

    void refreshReuse() {
        refreshReuse.increment();
    }
}
