package dev.library.auth.openapi;

import static dev.library.web.openapi.ApiOperation.Access.ADMIN;
import static dev.library.web.openapi.ApiOperation.Access.PUBLIC;
import static dev.library.web.openapi.ApiOperation.Access.SIGNED_IN;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.library.web.openapi.ApiConventions;
import dev.library.web.openapi.ApiOperation;
import dev.library.web.openapi.ApiOperations;

/**
 * What auth-service's OpenAPI description says beyond what springdoc reads from the controllers:
 * names, who may call each endpoint, and the problems particular to it. Served at the internal
 * {@code springdoc.api-docs.path}; the public, merged description is the gateway's.
 */
@Configuration(proxyBeanMethods = false)
class AuthApiDescription {

    static final String TAG = "auth";
    private static final String BUSY = "Every password-hashing slot is busy: wait Retry-After seconds.";
    private static final String STALE = "the token was issued before the account last changed (log in again).";

    @Bean
    ApiOperations authApiOperations() {
        return new ApiOperations("auth-service", "Accounts, sessions and the keys that sign access tokens.")
                .add("POST", "/api/auth/signup", ApiOperation.of("signUp", TAG, "Create an account with the USER role.", PUBLIC)
                        .succeeds(201, "Location")
                        .problem(409, "The username is taken (usernames are compared lower-cased).")
                        .problem(429, "Too many sign-up attempts from this client: wait Retry-After seconds.")
                        .problem(503, BUSY))
                .add("POST", "/api/auth/login", ApiOperation.of("logIn", TAG, "Exchange a username and password for tokens.", PUBLIC)
                        .problem(401, "The username or password is wrong.")
                        .problem(403, "The account is disabled.")
                        .problem(429, "Too many failed logins for this username or client: wait Retry-After seconds.")
                        .problem(503, BUSY))
                .add("POST", "/api/auth/refresh", ApiOperation.of("refresh", TAG,
                                "Exchange a refresh token for new tokens; the old refresh token is spent.", PUBLIC)
                        .problem(401, "The refresh token is unknown, expired, reused (the family is then revoked), "
                                + "revoked, or its account disabled."))
                .add("POST", "/api/auth/logout", ApiOperation.of("logOut", TAG,
                                "Revoke a refresh token and its family; unknown tokens are accepted too (RFC 7009).", PUBLIC)
                        .succeeds(204))
                .add("GET", "/api/auth/me", ApiOperation.of("me", TAG, "The account of the access token.", SIGNED_IN)
                        .problem(404, "The account of this token no longer exists."))
                .add("PUT", "/api/auth/me/password", ApiOperation.of("changePassword", TAG,
                                "Change one's password; every session of the account ends.", SIGNED_IN)
                        .succeeds(204)
                        .problem(401, "No valid access token, or the current password is wrong.")
                        .problem(403, STALE)
                        .problem(429, "Too many wrong current passwords: wait Retry-After seconds.")
                        .problem(503, BUSY))
                .add("PUT", "/api/auth/users/{username}/roles", ApiOperation.of("setRoles", TAG,
                                "Replace an account's roles (USER is always kept); effective from its next token.", ADMIN)
                        .problem(403, "The access token lacks the ADMIN role, or " + STALE)
                        .problem(404, "There is no account with this username.")
                        .problem(409, "This would revoke ADMIN from the last enabled admin."))
                .add("PUT", "/api/auth/users/{username}/enabled", ApiOperation.of("setEnabled", TAG,
                                "Disable an account (its sessions end at once) or enable it again.", ADMIN)
                        .problem(403, "The access token lacks the ADMIN role, or " + STALE)
                        .problem(404, "There is no account with this username.")
                        .problem(409, "This would disable the last enabled admin."))
                .add("GET", "/.well-known/jwks.json", ApiOperation.of("jwks", TAG,
                        "The public keys that verify access tokens (JWK set, RFC 7517).", PUBLIC))
                .add("GET", "/.well-known/openid-configuration", ApiOperation.of("openIdConfiguration", TAG,
                        "Discovery metadata: issuer, jwks_uri and the claims of access tokens.", PUBLIC));
    }

    @Bean
    OpenApiCustomizer authExamples() {
        String refresh = "kT3v9pQ2xW7bN4mR8sY1zA6cF0hJ5dL2";
        return openApi -> {
            ApiConventions.example(openApi, "SignupRequest", Map.of("username", "alice", "password", "correct horse battery"));
            ApiConventions.example(openApi, "Login", Map.of("username", "alice", "password", "correct horse battery"));
            ApiConventions.example(openApi, "Refresh", Map.of("refresh_token", refresh));
            ApiConventions.example(openApi, "TokenResponse", Map.of("access_token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln",
                    "token_type", "Bearer", "expires_in", 900, "refresh_token", refresh));
            ApiConventions.example(openApi, "AccountView", Map.of("id", "6573a1c2e4b0f24d8c9a1b2f", "username", "alice",
                    "roles", List.of("USER"), "enabled", true));
            ApiConventions.example(openApi, "PasswordChangeRequest", Map.of("current_password", "correct horse battery",
                    "new_password", "a longer, newer passphrase"));
            ApiConventions.example(openApi, "RolesRequest", Map.of("roles", List.of("USER", "ADMIN")));
            ApiConventions.example(openApi, "EnabledRequest", Map.of("enabled", false));
        };
    }

    /** Accounts and token responses always carry every property. */
    @Bean
    OpenApiCustomizer authAsAnswered() {
        return openApi -> {
            ApiConventions.alwaysPresent(openApi, "AccountView");
            ApiConventions.alwaysPresent(openApi, "TokenResponse");
        };
    }
}
