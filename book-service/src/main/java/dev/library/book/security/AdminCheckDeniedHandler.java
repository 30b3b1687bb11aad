package dev.library.book.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import dev.library.web.problem.ProblemSecurityHandlers;
import dev.library.web.problem.Problems;
import dev.library.web.wire.RetryAfter;

/**
 * Refusals as problems: an admin write refused only because auth-service could not confirm the
 * token is a 503 with Retry-After (try again shortly); every other refusal is the usual 403.
 */
final class AdminCheckDeniedHandler implements AccessDeniedHandler {

    static final String UNCONFIRMED = "Admin rights cannot be confirmed right now. Try again shortly.";

    private final ProblemSecurityHandlers problems;
    private final JsonMapper json;
    private final long retryAfterSeconds;

    AdminCheckDeniedHandler(ProblemSecurityHandlers problems, JsonMapper json, AdminCheckProperties properties) {
        this.problems = problems;
        this.json = json;
        this.retryAfterSeconds = RetryAfter.seconds(properties.retryAfter());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof AuthorizationDeniedException decision
                && decision.getAuthorizationResult() instanceof CurrentAdminAuthorization.Unconfirmed) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.SERVICE_UNAVAILABLE, UNCONFIRMED, request));
            return;
        }
        problems.handle(request, response, denied);
    }
}
