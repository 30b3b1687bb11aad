package dev.library.auth.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import dev.library.auth.account.Account;
import dev.library.auth.account.AccountService;
import dev.library.auth.account.Role;
import dev.library.auth.session.RefreshTokenStore;
import dev.library.auth.token.AccessTokenIssuer;
import dev.library.jwt.LibraryTokens;

/**
 * Whether a validly signed access token still speaks for its account as it is now: the account
 * exists and is enabled, the token's version is the account's current one (raised by role changes,
 * disabling and password changes), its session has not ended (logout), and every role it claims
 * is one the account still holds. The one definition used by this service's own privileged calls
 * ({@link CurrentTokenAuthorization}) and by token introspection (other services' privileged calls).
 */
@Component
public class CurrentTokens {

    private final AccountService accounts;
    private final RefreshTokenStore sessions;

    CurrentTokens(AccountService accounts, RefreshTokenStore sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** The account the token speaks for, if the token is still current; empty otherwise. */
    public Optional<Account> accountOf(Jwt token) {
        Account account = accounts.findById(token.getSubject()).orElse(null);
        Object version = token.getClaims().get(AccessTokenIssuer.TOKEN_VERSION_CLAIM);
        boolean current = account != null && account.isEnabled()
                && version instanceof Number number && number.longValue() == account.getTokenVersion()
                && stillHeld(token.getClaim(LibraryTokens.ROLES_CLAIM), account)
                && sessions.isLive(token.getClaimAsString(AccessTokenIssuer.SESSION_CLAIM));
        return current ? Optional.of(account) : Optional.empty();
    }

    private static boolean stillHeld(Object claimed, Account account) {
        if (!(claimed instanceof Collection<?> roles)) {
            return claimed == null;
        }
        List<String> held = account.getRoles().stream().map(Role::name).toList();
        return roles.stream().allMatch(role -> role instanceof String name && held.contains(name));
    }
}
