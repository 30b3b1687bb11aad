package dev.library.auth.session;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.library.auth.account.Account;
import dev.library.auth.account.AccountService;
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

    public TokenResponse login(String username, String password, String clientAddress) {
        String canonical = Usernames.canonical(username);
        Duration wait = throttle.retryAfter(canonical, clientAddress);
        if (!wait.isZero()) {
            metrics.login("throttled");
            throw new TooManyLoginAttemptsException(wait);
        }
        Account account = accounts.findByUsername(canonical).orElse(null);
        boolean passwordMatches = passwordEncoder.matches(password,
                account != null ? account.getPasswordHash() : unknownUserHash);
        if (account == null || !passwordMatches) {
            throttle.recordFailure(canonical, clientAddress);
            metrics.login("bad_credentials");
            throw unauthorized("Invalid username or password.");
        }
        throttle.recordSuccess(canonical);
        metrics.login("success");
        return tokens(account, refreshTokens.startFamily(account.getId()));
    }

    /**
     * Exchanges a refresh token for a new pair. The presented token dies; presenting it again is
     * taken as theft (one of two parties holds a copy), so its whole family is revoked.
     */
    public TokenResponse refresh(String refreshTokenValue) {
        RefreshToken used = refreshTokens.rotate(refreshTokenValue).orElse(null);
        if (used == null) {
            refreshTokens.find(refreshTokenValue).filter(token -> token.rotatedAt() != null).ifPresent(reused -> {
                refreshTokens.revokeFamily(reused.familyId(), "reuse");
                metrics.refreshReuse();
            });
            throw invalidRefreshToken();
        }
        RefreshTokenFamily family = refreshTokens.family(used.familyId()).orElse(null);
        if (family == null || family.isRevoked()) {
            throw invalidRefreshToken();
        }
        Account account = accounts.findById(used.accountId()).orElseThrow(SessionService::invalidRefreshToken);
        return tokens(account, refreshTokens.issue(family.id(), account.getId()));
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored (RFC 7009 semantics). */
    public void logout(String refreshTokenValue) {
        refreshTokens.find(refreshTokenValue)
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), "logout"));
    }

    private TokenResponse tokens(Account account, String refreshToken) {
        AccessTokenIssuer.IssuedAccessToken access = accessTokens.issue(account);
        metrics.tokensIssued();
        return new TokenResponse(access.value(), BEARER, access.expiresInSeconds(), refreshToken);
    }

    private static ErrorResponseException invalidRefreshToken() {
        return unauthorized("The refresh token is invalid, expired or revoked. Log in again.");
    }

    private static ErrorResponseException unauthorized(String detail) {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, detail), null);
    }
}
