package dev.library.web.requestid;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} (the gateway sets one) when it is
 * sane, a new UUID otherwise. It is put in the logging MDC for every log line of the request and
 * echoed in the response, so one id follows a request through gateway, service and logs. Each
 * request also gets one access-log line.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    /** One line per request (the request id is in every line's MDC); off with logging.level.library.access=warn. */
    private static final Logger access = LoggerFactory.getLogger("library.access");

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Accepts ids that are safe to log verbatim: no spaces, control characters or log-forging. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final int managementPort;

    /** @param managementPort requests to this port (probes, scrapes) are not access-logged */
    public RequestIdFilter(int managementPort) {
        this.managementPort = managementPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        String requestId = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, requestId);
        response.setHeader(HEADER, requestId);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (access.isInfoEnabled() && request.getLocalPort() != managementPort) {
                access.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The error dispatch runs on the same thread: keep the id for the error response's log lines.
        return false;
    }
}
