package dev.library.auth.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import dev.library.auth.account.Account;
import dev.library.auth.account.AccountService;
import dev.library.auth.session.RefreshTokenStore;
import dev.library.auth.token.AccessTokenIssuer;

/**
 * For calls that change accounts, a valid signature is not enough: the token must still speak for
 * the account as it is now. Its account exists and is enabled, its token version is the account's
 * current one (raised by role changes, disabling and password changes), its session has not ended
 * (logout), and, where asked, the account is an admin now (roles looked up, not taken from the token).
 * So demotion, disabling and logout take effect at once for these calls, not at token expiry.
 */
final class CurrentTokenAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final AccountService accounts;
    private final RefreshTokenStore sessions;
    private final boolean adminOnly;

    private CurrentTokenAuthorization(AccountService accounts, RefreshTokenStore sessions, boolean adminOnly) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.adminOnly = adminOnly;
    }

    static CurrentTokenAuthorization currentAdmin(AccountService accounts, RefreshTokenStore sessions) {
        return new CurrentTokenAuthorization(accounts, sessions, true);
    }

    static CurrentTokenAuthorization currentUser(AccountService accounts, RefreshTokenStore sessions) {
        return new CurrentTokenAuthorization(accounts, sessions, false);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
            return new AuthorizationDecision(false);
        }
        Account account = accounts.findById(token.getToken().getSubject()).orElse(null);
        Object version = token.getToken().getClaims().get(AccessTokenIssuer.TOKEN_VERSION_CLAIM);
        boolean current = account != null && account.isEnabled() && (!adminOnly || account.isAdmin())
                && version instanceof Number number && number.longValue() == account.getTokenVersion()
                && sessions.isLive(token.getToken().getClaimAsString(AccessTokenIssuer.SESSION_CLAIM));
        return new AuthorizationDecision(current);
    }
}
