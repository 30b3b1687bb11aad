package dev.library.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.library.web.wire.Causes;
import dev.library.web.wire.ProblemTexts;

/**
 * Errors raised outside Spring MVC (by the servlet container or a filter) end at the error path;
 * this answers them in the same problem format instead of Boot's default JSON or HTML page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? ProblemTexts.UNEXPECTED : status.getReasonPhrase() + ".";
        if (Causes.has(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), AuthenticationServiceException.class)) {
            // The token could not be checked at all (the issuer's keys are unreachable): a
            // dependency outage, not a bug and not the client's fault.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = ProblemTexts.TOKEN_UNCHECKABLE;
        }
        ProblemDetail problem = Problems.of(status, detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(java.net.URI.create(path));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
