package dev.library.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    /** The client address is Tomcat's, which honours X-Forwarded-For only from trusted internal proxies. */
    @PostMapping("/login")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody SessionRequests.Login request, HttpServletRequest http) {
        return noStore(sessions.login(request.username(), request.password(), http.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody SessionRequests.Refresh request) {
        return noStore(sessions.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody SessionRequests.Refresh request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    /** Token responses must not be cached anywhere (RFC 6749 §5.1). */
    private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(tokens);
    }
}
