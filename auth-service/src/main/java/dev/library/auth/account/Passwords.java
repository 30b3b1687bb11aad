package dev.library.auth.account;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;

/**
 * What a new password must be: 8 to 128 characters counted as code points (an emoji is one, not
 * two UTF-16 units as {@code @Size} counts), not only whitespace, and not the username itself.
 */
final class Passwords {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private Passwords() {
    }

    /** Refuses {@code password} with a 400 naming {@code field} when it breaks a rule. */
    static void check(String field, String password, String username) {
        String problem = null;
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            problem = "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        } else if (password.isBlank()) {
            problem = "must not be only whitespace";
        } else if (username != null && password.strip().equalsIgnoreCase(username)) {
            problem = "must not be the username";
        }
        if (problem != null) {
            ProblemDetail detail = Problems.of(HttpStatus.BAD_REQUEST, "Invalid '" + field + "': " + problem + ".");
            Problems.withFieldErrors(detail, List.of(new Problems.FieldError(field, problem)));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
        }
    }
}
