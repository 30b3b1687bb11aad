package dev.library.auth.security;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.library.auth.token.TokenIntrospectionController;
import dev.library.jwt.LibraryTokens;
import dev.library.web.problem.ProblemSecurityHandlers;
import dev.library.web.security.StatelessResourceServer;

/**
 * Who may call what. Signing up and the session endpoints are open (they carry their own proof),
 * discovery is public, {@code /me} needs a valid access token, account changes need a token that
 * is still current (and ADMIN, looked up, for changes to other accounts).
 * Stateless: no HTTP session, no cookies, hence no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ARGON2 = "argon2";
    /** Routes that need no token (any method: a wrong one then gets 405 from MVC, not a misleading 401). */
    private static final java.util.Set<String> PUBLIC_PATHS = java.util.Set.of("/api/auth/signup", "/api/auth/login",
            "/api/auth/refresh", "/api/auth/logout");
    /** Salt and hash lengths of Spring Security's current Argon2 defaults. */
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems, CurrentTokens tokens)
            throws Exception {
        StatelessResourceServer.apply(http, problems, LibraryTokens.authenticationConverter(),
                java.util.Set.of("/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
                        "/.well-known/jwks.json", "/.well-known/openid-configuration"))
                .authorizeHttpRequests(requests -> requests
                        // Any method: a wrong one then gets 405 from MVC, not a misleading 401.
                        .requestMatchers(PUBLIC_PATHS.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/.well-known/openid-configuration")
                                .permitAll()
                        // The token to check is the proof; the answer tells only its holder anything
                        // (internal path: the gateway never routes it; see TokenIntrospectionController).
                        .requestMatchers(HttpMethod.POST, TokenIntrospectionController.PATH).permitAll()
                        // Account changes: the token must match the account as it is now (see CurrentTokenAuthorization).
                        .requestMatchers("/api/auth/users/**")
                                .access(CurrentTokenAuthorization.currentAdmin(tokens))
                        .requestMatchers("/api/auth/me/password")
                                .access(CurrentTokenAuthorization.currentUser(tokens))
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Argon2id for new hashes (it hashes the whole password, however long); the delegating encoder
     * still verifies older formats such as bcrypt, so the algorithm can change without a reset.
     * Bounded: only so many hashes run at once (see {@link BoundedPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties password, MeterRegistry meters) {
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES,
                password.argon2Parallelism(), password.argon2MemoryKib(), password.argon2Iterations());
        PasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2,
                Map.of(ARGON2, argon2, "bcrypt", new BCryptPasswordEncoder()));
        return new BoundedPasswordEncoder(encoder, password.concurrentHashes(), password.maxWaitingHashes(),
                password.maxWait(), password.busyRetryAfter(), meters);
    }
}
