package dev.library.book.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.library.book.store.BookQuery;
import dev.library.web.problem.Problems;

/**
 * Reads the query string of {@code GET /api/books} strictly: an unknown, repeated, malformed or
 * out-of-range parameter is a 400 naming it, never a silent default.
 */
final class ListParameters {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    /** Deep pages cost a skip over every earlier book; past this, narrow the query instead. */
    static final int MAX_PAGE = 10_000;
    static final int MAX_FILTER_LENGTH = 100;
    private static final Set<String> KNOWN = Set.of("page", "size", "sort", "q", "author", "tag");

    private ListParameters() {
    }

    static BookQuery parse(Map<String, String[]> parameters) {
        List<Problems.FieldError> errors = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (!KNOWN.contains(name)) {
                errors.add(new Problems.FieldError(name, "is not a known parameter (known: author, page, q, size, sort, tag)"));
            } else if (values.length > 1) {
                errors.add(new Problems.FieldError(name, "must be given at most once"));
            }
        });
        int page = integer(parameters, "page", 0, 0, MAX_PAGE, errors);
        int size = integer(parameters, "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
        String text = filter(parameters, "q", errors);
        String author = filter(parameters, "author", errors);
        String tag = filter(parameters, "tag", errors);
        BookQuery.SortField sortField = BookQuery.SortField.CREATED_AT;
        Sort.Direction direction = Sort.Direction.DESC;
        String sort = single(parameters, "sort");
        if (sort != null) {
            String[] parts = sort.split(",", -1);
            BookQuery.SortField field = BookQuery.SortField.fromApiName(parts[0]);
            Sort.Direction parsedDirection = parts.length == 1 ? Sort.Direction.ASC
                    : parts.length == 2 && (parts[1].equals("asc") || parts[1].equals("desc"))
                            ? Sort.Direction.fromString(parts[1]) : null;
            if (field == null || parsedDirection == null) {
                errors.add(new Problems.FieldError("sort",
                        "must be title, publishedYear or createdAt, optionally followed by ,asc or ,desc"));
            } else {
                sortField = field;
                direction = parsedDirection;
            }
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, errors.size() == 1
                    ? "Invalid '" + errors.get(0).field() + "': " + errors.get(0).message() + "."
                    : errors.size() + " parameters are invalid: see 'errors'.");
            Problems.withFieldErrors(problem, errors);
            throw Problems.exception(problem);
        }
        return new BookQuery(text, author, tag, sortField, direction, page, size);
    }

    private static int integer(Map<String, String[]> parameters, String name, int fallback, int min, int max,
            List<Problems.FieldError> errors) {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        try {
            // ASCII digits only: parseInt also takes fullwidth and other scripts' digits.
            if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException(name);
            }
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.add(new Problems.FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static String filter(Map<String, String[]> parameters, String name, List<Problems.FieldError> errors) {
        String value = single(parameters, name);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_FILTER_LENGTH) {
            errors.add(new Problems.FieldError(name, "must be 1 to " + MAX_FILTER_LENGTH + " characters"));
            return null;
        }
        return value.trim();
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
