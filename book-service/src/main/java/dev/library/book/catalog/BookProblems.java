package dev.library.book.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;

/** The catalog's errors, each a problem response with its status. */
public final class BookProblems {

    private BookProblems() {
    }

    public static ErrorResponseException notFound(String id) {
        return Problems.exception(HttpStatus.NOT_FOUND, "There is no book with id '" + id + "'.");
    }

    static ErrorResponseException isbnTaken(String isbn) {
        return Problems.exception(HttpStatus.CONFLICT, "Another book already has ISBN " + isbn + ".");
    }

    static ErrorResponseException versionMismatch(long expected, long current) {
        return Problems.exception(HttpStatus.PRECONDITION_FAILED, "If-Match names version " + expected
                + " but the book is at version " + current + ": fetch it again and reapply your change.");
    }

    static ErrorResponseException concurrentWrite() {
        return Problems.exception(HttpStatus.CONFLICT,
                "The book was changed by someone else while this request ran: fetch it again and retry.");
    }
}
