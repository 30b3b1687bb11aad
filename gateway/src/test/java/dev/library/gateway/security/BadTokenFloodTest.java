package dev.library.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.library.gateway.RawHttp;
import dev.library.gateway.SmallDefaultLimitTest;

/**
 * Refusals at the edge are throttled (issue 26, finding 6: 400 bad-token requests in 0.9 s met no
 * 429): each 401 costs the client address a token of the default limit.
 */
class BadTokenFloodTest extends SmallDefaultLimitTest {

    @Test
    void aClientSendingBadTokensIsRateLimitedByItsAddress() throws Exception {
        String client = RawHttp.freshClient();
        String forged = BadTokensTest.withAlgorithm(ISSUER.user(), "HS999");
        int refused = 0;
        int last = 0;
        for (int i = 0; i < 3 * DEFAULT_BURST && last != 429; i++) {
            last = RawHttp.status(gateway.base(), client, "GET /api/books", "Authorization: Bearer " + forged);
            refused += last == 401 ? 1 : 0;
        }

        assertThat(last).as("after %d refusals", refused).isEqualTo(429);
        assertThat(refused).isPositive();
    }

    @Test
    void aClientWithoutATokenIsRateLimitedByItsAddress() throws Exception {
        String client = RawHttp.freshClient();
        int last = 0;
        for (int i = 0; i < 3 * DEFAULT_BURST && last != 429; i++) {
            last = RawHttp.status(gateway.base(), client, "GET /api/books");
        }

        assertThat(last).isEqualTo(429);
    }
}
