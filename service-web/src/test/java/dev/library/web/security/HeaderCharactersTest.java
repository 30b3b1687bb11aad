package dev.library.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The quick header rules decide every header exactly as the strict firewall's defaults do. */
class HeaderCharactersTest {

    private static final String NAME = "X-Test";

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_", "", " ", "~!@#$%^&*()",
            "gzip, deflate", "tab\there", "Zürich", "日本語", "emoji \uD83D\uDCDA"})
    void acceptsTheValuesTheDefaultAccepts(String value) {
        assertThat(defaultFirewallReadsValue(value)).isTrue();
        assertThat(HeaderCharacters.allowedValue(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"new\nline", "return\r", "nul\u0000", "delete\u007f", "c1 control \u0085",
            "unassigned \u0378", "ascii then control \u0090"})
    void refusesTheValuesTheDefaultRefuses(String value) {
        assertThat(defaultFirewallReadsValue(value)).isFalse();
        assertThat(HeaderCharacters.allowedValue(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Request-Id", "Zürich-Header"})
    void acceptsTheNamesTheDefaultAccepts(String name) {
        assertThat(defaultFirewallReadsName(name)).isTrue();
        assertThat(HeaderCharacters.allowedName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\tname", "delete\u007f", "c1\u0085"})
    void refusesTheNamesTheDefaultRefuses(String name) {
        assertThat(defaultFirewallReadsName(name)).isFalse();
        assertThat(HeaderCharacters.allowedName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "bad\u0001value"})
    void theFirewallItBuildsAppliesTheValueRule(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books");
        request.addHeader(NAME, value);

        assertThat(reads(HeaderCharacters.firewall(), request, NAME)).isEqualTo(HeaderCharacters.allowedValue(value));
    }

    private static boolean defaultFirewallReadsValue(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books");
        request.addHeader(NAME, value);
        return reads(new StrictHttpFirewall(), request, NAME);
    }

    private static boolean defaultFirewallReadsName(String name) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books");
        request.addHeader(name, "value");
        return reads(new StrictHttpFirewall(), request, name);
    }

    private static boolean reads(StrictHttpFirewall firewall, MockHttpServletRequest request, String name) {
        try {
            firewall.getFirewalledRequest(request).getHeader(name);
            return true;
        } catch (RequestRejectedException rejected) {
            return false;
        }
    }
}
