package dev.library.auth.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * For calls that change accounts, a valid signature is not enough: the token must still speak for
 * the account as it is now ({@link CurrentTokens}), and, where asked, the account is an admin now
 * (roles looked up, not taken from the token). So demotion, disabling and logout take effect at
 * once for these calls, not at token expiry.
 */
final class CurrentTokenAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final CurrentTokens tokens;
    private final boolean adminOnly;

    private CurrentTokenAuthorization(CurrentTokens tokens, boolean adminOnly) {
        this.tokens = tokens;
        this.adminOnly = adminOnly;
    }

    static CurrentTokenAuthorization currentAdmin(CurrentTokens tokens) {
        return new CurrentTokenAuthorization(tokens, true);
    }

    static CurrentTokenAuthorization currentUser(CurrentTokens tokens) {
        return new CurrentTokenAuthorization(tokens, false);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
            return new AuthorizationDecision(false);
        }
        boolean current = tokens.accountOf(token.getToken()).filter(account -> !adminOnly || account.isAdmin())
                .isPresent();
        return new AuthorizationDecision(current);
    }
}
