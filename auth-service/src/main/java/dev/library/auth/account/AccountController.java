package dev.library.auth.account;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts: sign-up, the caller's own account, and the admin's changes to any account. */
@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The client address is the one Tomcat determined (X-Forwarded-For only from trusted proxies). */
    @PostMapping("/signup")
    ResponseEntity<AccountView> signUp(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
        Account account = accounts.signUp(request.username(), request.password(), http.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/auth/users/" + account.getUsername()))
                .body(AccountView.of(account));
    }

    @GetMapping("/me")
    AccountView me(@AuthenticationPrincipal Jwt token) {
        // A valid token for an account that no longer exists: 404.
        return accounts.findById(token.getSubject()).map(AccountView::of).orElseThrow(AccountProblems::tokenAccountGone);
    }

    @PutMapping("/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Jwt token,
            @Valid @RequestBody PasswordChangeRequest request, HttpServletRequest http) {
        accounts.changePassword(token.getSubject(), request.currentPassword(), request.newPassword(),
                http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/users/{username}/roles")
    AccountView setRoles(@PathVariable String username, @Valid @RequestBody RolesRequest request) {
        return AccountView.of(accounts.setRoles(username, request.roles()));
    }

    @PutMapping("/users/{username}/enabled")
    AccountView setEnabled(@PathVariable String username, @Valid @RequestBody EnabledRequest request) {
        return AccountView.of(accounts.setEnabled(username, request.enabled()));
    }
}
