package dev.library.web.problem;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.library.web.requestid.RequestIdFilter;
import dev.library.web.wire.RequestIdHeader;

/**
 * Builds the one error body of this system: RFC 9457 {@code application/problem+json}, with the
 * request id (so a user's report can be found in the logs) and, for validation, the field errors.
 */
public final class Problems {

    /** Extension member carrying the field errors of a rejected request body or query. */
    public static final String ERRORS = "errors";
    /** Extension member carrying the request id, the same as in the {@code X-Request-Id} header. */
    public static final String REQUEST_ID = RequestIdHeader.PROBLEM_MEMBER;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, HttpServletRequest request) {
        ProblemDetail problem = of(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** A refusal to throw from anywhere in a request: Spring MVC answers it with this problem. */
    public static ErrorResponseException exception(HttpStatusCode status, String detail) {
        return exception(of(status, detail));
    }

    /** A refusal carrying a problem built beforehand, e.g. {@link #withFieldErrors with field errors}. */
    public static ErrorResponseException exception(ProblemDetail problem) {
        return new ErrorResponseException(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    public static ProblemDetail withFieldErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    /** One rejected field: where it is ({@code authors[2]}, {@code page}) and what was wrong. */
    public record FieldError(String field, String message) {
    }
}
