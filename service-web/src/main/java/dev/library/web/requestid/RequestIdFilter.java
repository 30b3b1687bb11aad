package dev.library.web.requestid;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.library.web.wire.RequestIdHeader;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} (the gateway sets one) when it is
 * sane, a new UUID otherwise. It is put in the logging MDC for every log line of the request and
 * echoed in the response, so one id follows a request through gateway, service and logs. Each
 * request also gets one access-log line.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    /** One line per request (the request id is in every line's MDC); off with logging.level.library.access=warn. */
    private static final Logger access = LoggerFactory.getLogger("library.access");

    public static final String MDC_KEY = RequestIdHeader.PROBLEM_MEMBER;

    private final int managementPort;

    /** @param managementPort requests to this port (probes, scrapes) are not access-logged */
    public RequestIdFilter(int managementPort) {
        this.managementPort = managementPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIdHeader.idFor(request.getHeader(RequestIdHeader.NAME));
        MDC.put(MDC_KEY, requestId);
        response.setHeader(RequestIdHeader.NAME, requestId);
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
