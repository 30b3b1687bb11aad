package dev.library.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.library.gateway.routing.Routes;

/** Which requests the rate limit counts as sign-ins, whatever their spelling. */
class SignInRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login", "/api/auth/signup", "/api/auth/refresh", "/api/auth/%73ignup",
            "/api/auth/%6cogin", "/api/auth/%72%65%66%72%65%73%68", "/api/auth/LOGIN", "/api/auth/login/",
            "/api/auth//login", "/api//auth/signup", "/api/auth/./login", "/api/auth/login;jsessionid=x"})
    void everySpellingOfASignInIsASignIn(String path) {
        assertThat(SignInRequests.isSignIn(exchange(HttpMethod.POST, path, Routes.AUTH_SERVICE))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/me", "/api/auth/logout", "/api/auth/users/x/roles", "/api/auth/login/x",
            "/api/auth"})
    void otherAuthCallsAreNot(String path) {
        assertThat(SignInRequests.isSignIn(exchange(HttpMethod.POST, path, Routes.AUTH_SERVICE))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void onlyAPostSignsIn(String method) {
        assertThat(SignInRequests.isSignIn(exchange(HttpMethod.valueOf(method), "/api/auth/login", Routes.AUTH_SERVICE)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login", "/api/books/login"})
    void onlyTheAuthServiceRouteSignsIn(String path) {
        assertThat(SignInRequests.isSignIn(exchange(HttpMethod.POST, path, "book-service"))).isFalse();
    }

    private static MockServerWebExchange exchange(HttpMethod method, String path, String routeId) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(method, URI.create("http://api.example" + path)));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, Route.async().id(routeId)
                .uri(URI.create("http://127.0.0.1:8081")).predicate(any -> true).build());
        return exchange;
    }
}
