package dev.library.web.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request id a request carries on. */
class RequestIdHeaderTest {

    @Test
    void aSafeIdFromTheCallerIsKept() {
        assertThat(RequestIdHeader.idFor("client-chosen.id:42")).isEqualTo("client-chosen.id:42");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "with space", "line\nbreak", "${jndi:x}"})
    void aMissingOrUnsafeIdIsReplacedByARandomVersion4Uuid(String offered) {
        UUID id = UUID.fromString(RequestIdHeader.idFor(offered));

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void newIdsDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIdHeader.idFor(null));
        }

        assertThat(ids).hasSize(10_000);
    }
}
