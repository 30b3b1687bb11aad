package dev.library.book.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Admin writes: the token must carry ADMIN (checked here, no call) and auth-service must confirm
 * it still counts ({@link AdminTokenIntrospection}), so a demoted, disabled or signed-out admin
 * stops writing within {@code library.admin-check.cache-ttl}, not at token expiry. When auth-service
 * cannot answer, the write is refused (fail closed) with {@link Unconfirmed}, shown as a 503.
 */
final class CurrentAdminAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private final AdminTokenIntrospection introspection;

    CurrentAdminAuthorization(AdminTokenIntrospection introspection) {
        this.introspection = introspection;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        if (!(authentication.get() instanceof JwtAuthenticationToken token) || token.getAuthorities().stream()
                .noneMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()))) {
            return new AuthorizationDecision(false);
        }
        return switch (introspection.check(token.getToken().getTokenValue())) {
            case CURRENT_ADMIN -> new AuthorizationDecision(true);
            case REVOKED -> new AuthorizationDecision(false);
            case UNANSWERED -> new Unconfirmed();
        };
    }

    /** Refused because auth-service could not confirm the token in time: an outage, not the caller's fault. */
    static final class Unconfirmed extends AuthorizationDecision {

        Unconfirmed() {
            super(false);
        }
    }
}
