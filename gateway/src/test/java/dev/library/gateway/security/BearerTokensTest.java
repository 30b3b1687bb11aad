package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

/** The edge's quick bearer token reading yields exactly what Spring Security's reactive default yields. */
class BearerTokensTest {

    private final BearerTokens quick = new BearerTokens();
    private final ServerBearerTokenAuthenticationConverter reference = new ServerBearerTokenAuthenticationConverter();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/", "bearer abc", "BEARER abc==",
            "Bearer a="})
    void aWellFormedBearerHeaderYieldsItsToken(String header) {
        String expected = header.substring("Bearer ".length());

        assertThat(token(reference.convert(withAuthorization(header, "")).block())).isEqualTo(expected);
        assertThat(token(quick.convert(withAuthorization(header, "")).block())).isEqualTo(expected);
    }

    @Test
    void aTokenInTheQueryBesideTheHeaderIsIgnoredAsByTheDefault() {
        String header = "Bearer header-token";

        assertThat(token(reference.convert(withAuthorization(header, "?access_token=query")).block()))
                .isEqualTo("header-token");
        assertThat(token(quick.convert(withAuthorization(header, "?access_token=query")).block()))
                .isEqualTo("header-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "Bearer  abc", "Bearer abc def", "Bearer ab=c", "Bearer abc!", "Bearer=abc",
            "Bearerabc"})
    void aMalformedBearerHeaderIsRefusedAsTheDefaultRefusesIt(String header) {
        assertThatThrownBy(() -> reference.convert(withAuthorization(header, "")).block())
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> quick.convert(withAuthorization(header, "")).block())
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc"})
    void anotherSchemeIsNoBearerToken(String header) {
        assertThat(reference.convert(withAuthorization(header, "")).block()).isNull();
        assertThat(quick.convert(withAuthorization(header, "")).block()).isNull();
    }

    @Test
    void noHeaderIsNoBearerToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/books"));

        assertThat(reference.convert(exchange).block()).isNull();
        assertThat(quick.convert(exchange).block()).isNull();
    }

    @Test
    void aTokenInTheQueryAloneIsNotAccepted() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/books?access_token=abc"));

        assertThat(reference.convert(exchange).block()).isNull();
        assertThat(quick.convert(exchange).block()).isNull();
    }

    private static String token(Authentication authentication) {
        return ((BearerTokenAuthenticationToken) authentication).getToken();
    }

    private static MockServerWebExchange withAuthorization(String header, String query) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/books" + query)
                .header("Authorization", header));
    }
}
