package dev.library.web.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.library.web.limits.RequestBodyTooLargeException;
import dev.library.web.problem.Problems.FieldError;
import dev.library.web.wire.Causes;
import dev.library.web.wire.ProblemTexts;

/**
 * Turns every exception that reaches Spring MVC into a problem response that says what was wrong.
 * Spring's own exceptions keep their status (400, 404, 405, 406, 415...); bodies Jackson could not
 * read get a precise 400 (or 413 when too large); anything unexpected is a 500 without internals,
 * logged with its stack trace.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Object target = ex.getBindingResult().getTarget();
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(JsonNames.of(target, error.getField()), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        List<FieldError> globalErrors = ex.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), error.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, describe(errors, globalErrors), concat(errors, globalErrors), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), message(error))))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, describe(errors, List.of()), errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = Causes.find(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of(), request);
        }
        if (Causes.find(ex, dev.library.web.limits.RequestBodyTooSlowException.class) != null) {
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.REQUEST_TIMEOUT, "The request body took too long to arrive."));
        }
        JacksonException jackson = Causes.find(ex, JacksonException.class);
        if (jackson == null) {
            return problem(HttpStatus.BAD_REQUEST, "The request body is missing or is not readable.", List.of(), request);
        }
        String field = jackson.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return problem(HttpStatus.BAD_REQUEST, "Unknown property '" + field + "'.",
                    List.of(new FieldError(field, "is not a known property" + knownProperties(unknown))), request);
        }
        if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
            if (field.isEmpty()) {
                return problem(HttpStatus.BAD_REQUEST, "The request body must be a JSON object.", List.of(), request);
            }
            String expected = jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? expectedType(mismatch.getTargetType()) : "a different type";
            return problem(HttpStatus.BAD_REQUEST, "Property '" + field + "' has the wrong type.",
                    List.of(new FieldError(field, "must be " + expected)), request);
        }
        if (jackson instanceof StreamReadException read && read.getLocation() != null) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON at line " + read.getLocation().getLineNr()
                    + ", column " + read.getLocation().getColumnNr() + ".", List.of(), request);
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed JSON.", List.of(), request);
    }

    /** An unknown path: a plain 404, without Spring's "No static resource ..." wording. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "There is nothing at this path.", List.of(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(violation -> new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, describe(errors, List.of()), errors, request);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyTooLargeException ex, WebRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), List.of(), request);
    }

    /**
     * A query string Tomcat cannot decode ({@code q=%ff}, a lone {@code %}): it says so only when a
     * parameter is first read, deep inside a handler.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameter(Exception ex, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "The query string is malformed (an invalid percent-encoding).",
                List.of(), request);
    }

    /** The firewall refuses a parameter name or value (a NUL, a control character) when it is read. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<Object> rejectedByFirewall(Exception ex, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "The request holds characters that are not allowed.", List.of(),
                request);
    }

    /** The last resort: a bug. The client learns nothing of the internals; the log gets everything. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (ex instanceof ErrorResponse) {
            return handleException(ex, request);
        }
        if (ex instanceof org.springframework.security.core.AuthenticationException
                || ex instanceof org.springframework.security.access.AccessDeniedException) {
            throw ex; // Spring Security's filters answer these (401/403 problems).
        }
        log.error("Unhandled exception on {}", describe(request), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTexts.UNEXPECTED, List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            String requestId = org.slf4j.MDC.get(dev.library.web.requestid.RequestIdFilter.MDC_KEY);
            if (requestId != null && (problem.getProperties() == null
                    || !problem.getProperties().containsKey(Problems.REQUEST_ID))) {
                problem.setProperty(Problems.REQUEST_ID, requestId);
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldError> errors,
            WebRequest request) {
        ProblemDetail problem = Problems.of(status, detail);
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            problem.setInstance(java.net.URI.create(http.getRequestURI()));
        }
        if (!errors.isEmpty()) {
            Problems.withFieldErrors(problem, errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String describe(List<FieldError> errors, List<FieldError> globalErrors) {
        int count = errors.size() + globalErrors.size();
        if (count == 1) {
            FieldError only = errors.isEmpty() ? globalErrors.get(0) : errors.get(0);
            return "Invalid '" + only.field() + "': " + only.message() + ".";
        }
        return count + " fields are invalid: see 'errors'.";
    }

    private static List<FieldError> concat(List<FieldError> first, List<FieldError> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String parameterName(ParameterValidationResult result) {
        var parameter = result.getMethodParameter();
        var requestParam = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        var pathVariable = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        return parameter.getParameterName() != null ? parameter.getParameterName() : "argument";
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String knownProperties(UnrecognizedPropertyException unknown) {
        if (unknown.getKnownPropertyIds() == null || unknown.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return " (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String expectedType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
