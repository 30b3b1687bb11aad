package dev.library.web.limits;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.library.web.problem.Problems;

/**
 * Refuses request bodies over a limit with 413: at once when {@code Content-Length} says so, and
 * while reading for chunked bodies (the read fails and the problem handler answers 413). Refuses
 * bodies that take longer than a deadline to arrive with 408: Tomcat's timeout bounds each read,
 * not the whole body, so a client sending a byte every few seconds would hold a thread for as long
 * as it likes.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limitBytes;
    private final long deadlineNanos;
    private final JsonMapper jsonMapper;

    public RequestBodyLimitFilter(long limitBytes, java.time.Duration deadline, JsonMapper jsonMapper) {
        this.limitBytes = limitBytes;
        this.deadlineNanos = deadline.toNanos();
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limitBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            jsonMapper.writeValue(response.getOutputStream(), Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                    new RequestBodyTooLargeException(limitBytes).getMessage(), request));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes, System.nanoTime() + deadlineNanos), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limitBytes;
        private final long deadline;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limitBytes, long deadline) {
            super(request);
            this.limitBytes = limitBytes;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limitBytes, deadline);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limitBytes;
        private final long deadline;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limitBytes, long deadline) {
            this.delegate = delegate;
            this.limitBytes = limitBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = delegate.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws IOException {
            read += bytes;
            if (read > limitBytes) {
                throw new RequestBodyTooLargeException(limitBytes);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RequestBodyTooSlowException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
