package dev.library.auth.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;

/** The account errors the API reports, each a problem response with its status. */
final class AccountProblems {

    private AccountProblems() {
    }

    static ErrorResponseException usernameTaken(String username) {
        return new ErrorResponseException(HttpStatus.CONFLICT,
                Problems.of(HttpStatus.CONFLICT, "The username '" + username + "' is already taken."), null);
    }

    static ErrorResponseException noSuchAccount(String username) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "There is no account '" + username + "'."), null);
    }

    static ErrorResponseException lastAdmin() {
        return new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
                "This is the last admin: grant ADMIN to another account before revoking it here."), null);
    }

    static ErrorResponseException wrongCurrentPassword() {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED,
                Problems.of(HttpStatus.UNAUTHORIZED, "The current password is wrong."), null);
    }

    static ErrorResponseException tokenAccountGone() {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "The account of this token no longer exists."), null);
    }
}
