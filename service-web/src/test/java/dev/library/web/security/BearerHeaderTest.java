package dev.library.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The quick bearer header reading resolves exactly what Spring Security's default resolves. */
class BearerHeaderTest {

    private final BearerHeader quick = new BearerHeader();
    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/", "bearer abc", "BEARER abc==",
            "Bearer a="})
    void aWellFormedBearerHeaderYieldsItsToken(String header) {
        MockHttpServletRequest request = withAuthorization(header);

        assertThat(quick.resolve(request)).isEqualTo(reference.resolve(request))
                .isEqualTo(header.substring("Bearer ".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "Bearer  abc", "Bearer abc def", "Bearer ab=c", "Bearer abc!", "Bearer=abc", "Bearerabc"})
    void aMalformedBearerHeaderIsRefusedAsTheDefaultRefusesIt(String header) {
        MockHttpServletRequest request = withAuthorization(header);

        assertThatThrownBy(() -> reference.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> quick.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc"})
    void anotherSchemeIsNoBearerToken(String header) {
        MockHttpServletRequest request = withAuthorization(header);

        assertThat(reference.resolve(request)).isNull();
        assertThat(quick.resolve(request)).isNull();
    }

    @Test
    void noHeaderIsNoBearerToken() {
        assertThat(quick.resolve(new MockHttpServletRequest("GET", "/api/books"))).isNull();
    }

    @Test
    void aTokenInTheQueryIsNotAccepted() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books");
        request.setQueryString("access_token=abc");
        request.addParameter("access_token", "abc");

        assertThat(quick.resolve(request)).isNull();
    }

    private static MockHttpServletRequest withAuthorization(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books");
        request.addHeader("Authorization", header);
        return request;
    }
}
