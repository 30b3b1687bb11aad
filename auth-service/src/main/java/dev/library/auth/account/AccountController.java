package dev.library.auth.account;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.library.web.problem.Problems;

@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/signup")
    ResponseEntity<AccountView> signUp(@Valid @RequestBody SignupRequest request) {
        Account account = accounts.signUp(request.username(), request.password());
        return ResponseEntity.created(URI.create("/api/auth/users/" + account.getUsername()))
                .body(AccountView.of(account));
    }

    @GetMapping("/me")
    AccountView me(@AuthenticationPrincipal Jwt token) {
        return accounts.findById(token.getSubject()).map(AccountView::of)
                // A valid token for an account that no longer exists.
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                        Problems.of(HttpStatus.NOT_FOUND, "The account of this token no longer exists."), null));
    }

    @PutMapping("/users/{username}/roles")
    AccountView setRoles(@PathVariable String username, @Valid @RequestBody RolesRequest request) {
        return AccountView.of(accounts.setRoles(username, request.roles()));
    }
}
