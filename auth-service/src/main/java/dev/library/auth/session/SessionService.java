package dev.library.auth.session;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.library.auth.account.Account;
import dev.library.auth.account.AccountService;
import dev.library.auth.account.AccountSessionsEnded;
import dev.library.auth.account.Usernames;
import dev.library.auth.throttle.LoginThrottle;
import dev.library.auth.throttle.TooManyLoginAttemptsException;
import dev.library.auth.token.AccessTokenIssuer;
import dev.library.web.problem.Problems;

/** Login, refresh-token rotation with reuse detection, and logout. */
@Service
public class SessionService {

    private static final String BEARER = "Bearer";

    private final AccountService accounts;
    private final PasswordEncoder passwordEncoder;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final LoginThrottle throttle;
    private final SessionMetrics metrics;
    /**
     * A real hash of a random password, checked when the username is unknown, so that an unknown
     * user costs the same time as a wrong password and timing does not reveal which names exist.
     */
    private final String unknownUserHash;

    public SessionService(AccountService accounts, PasswordEncoder passwordEncoder, RefreshTokenStore refreshTokens,
            AccessTokenIssuer accessTokens, LoginThrottle throttle, SessionMetrics metrics) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.metrics = metrics;
        this.unknownUserHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
    }

    /**
     * Logs in. The attempt is admitted by the throttle (and counted) before the password is hashed;
     * hashing itself is bounded (see BoundedPasswordEncoder), so a burst gets 429 or 503, never a pile-up.
     */
    public TokenResponse login(String username, String password, String clientAddress) {
        String canonical = Usernames.canonical(username);
        try {
            throttle.admitLogin(canonical, clientAddress);
        } catch (TooManyLoginAttemptsException throttled) {
            metrics.login("throttled");
            throw throttled;
        }
        Account account = accounts.findByUsername(canonical).orElse(null);
        boolean passwordMatches = passwordEncoder.matches(password,
                account != null ? account.getPasswordHash() : unknownUserHash);
        if (account == null || !passwordMatches) {
            metrics.login("bad_credentials");
            throw unauthorized("Invalid username or password.");
        }
        if (!account.isEnabled()) {
            metrics.login("disabled");
            throw Problems.exception(HttpStatus.FORBIDDEN, "This account is disabled.");
        }
        throttle.loginSucceeded(canonical, clientAddress);
        metrics.login("success");
        RefreshTokenStore.NewFamily session = refreshTokens.startFamily(account.getId());
        return tokens(account, session.id(), session.firstToken());
    }

    /**
     * Exchanges a refresh token for a new pair. The presented token dies. Presenting it again within
     * the grace window (the client lost the answer and retries) gets a new pair in place of the
     * first, which is retired; after that it is taken as theft (one of two parties holds a copy),
     * so its whole family is revoked.
     */
    public TokenResponse refresh(String refreshTokenValue) {
        RefreshTokenStore.Refresh outcome = refreshTokens.refresh(refreshTokenValue);
        if (outcome instanceof RefreshTokenStore.Refresh.Reused reused) {
            refreshTokens.revokeFamily(reused.token().familyId(), "reuse");
            metrics.refreshReuse();
            throw invalidRefreshToken();
        }
        if (!(outcome instanceof RefreshTokenStore.Refresh.Rotated rotated)) {
            throw invalidRefreshToken();
        }
        RefreshTokenFamily family = refreshTokens.family(rotated.used().familyId()).orElse(null);
        if (family == null || family.isRevoked()) {
            throw invalidRefreshToken();
        }
        Account account = accounts.findById(rotated.used().accountId()).filter(Account::isEnabled)
                .orElseThrow(SessionService::invalidRefreshToken);
        return tokens(account, family.id(), rotated.successor());
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored (RFC 7009 semantics). */
    public void logout(String refreshTokenValue) {
        refreshTokens.find(refreshTokenValue)
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), "logout"));
    }

    /** Disabling an account or changing its password ends all its sessions. */
    @EventListener
    void endSessions(AccountSessionsEnded ended) {
        refreshTokens.revokeAllFamilies(ended.accountId(), ended.reason());
    }

    private TokenResponse tokens(Account account, String sessionId, String refreshToken) {
        AccessTokenIssuer.IssuedAccessToken access = accessTokens.issue(account, sessionId);
        metrics.tokensIssued();
        return new TokenResponse(access.value(), BEARER, access.expiresInSeconds(), refreshToken);
    }

    private static ErrorResponseException invalidRefreshToken() {
        return unauthorized("The refresh token is invalid, expired or revoked. Log in again.");
    }

    private static ErrorResponseException unauthorized(String detail) {
        return Problems.exception(HttpStatus.UNAUTHORIZED, detail);
    }
}
