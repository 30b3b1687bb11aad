package dev.library.auth.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.library.web.problem.Problems;

/** The account errors the API reports, each a problem response with its status. */
final class AccountProblems {

    private AccountProblems() {
    }

    static ErrorResponseException usernameTaken(String username) {
        return Problems.exception(HttpStatus.CONFLICT, "The username '" + username + "' is already taken.");
    }

    static ErrorResponseException noSuchAccount(String username) {
        return Problems.exception(HttpStatus.NOT_FOUND, "There is no account '" + username + "'.");
    }

    static ErrorResponseException lastAdmin() {
        return Problems.exception(HttpStatus.CONFLICT, "This is the last admin: grant ADMIN to another account before revoking it here.");
    }

    static ErrorResponseException changedConcurrently() {
        return Problems.exception(HttpStatus.CONFLICT, "The account was changed concurrently; read it and try again.");
    }

    static ErrorResponseException wrongCurrentPassword() {
        return Problems.exception(HttpStatus.UNAUTHORIZED, "The current password is wrong.");
    }

    static ErrorResponseException tokenAccountGone() {
        return Problems.exception(HttpStatus.NOT_FOUND, "The account of this token no longer exists.");
    }
}
