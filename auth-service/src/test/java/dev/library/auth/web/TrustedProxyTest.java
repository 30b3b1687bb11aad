package dev.library.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.library.auth.AuthServiceTest;

/**
 * Straight at auth-service from an address that is not the gateway (here loopback, with only
 * 192.0.2.1 trusted), a forged X-Forwarded-For does not give each failed login a new client address:
 * the failures are counted against the real peer, which gets 429.
 */
@TestPropertySource(properties = "library.http.trusted-proxies=192.0.2.1")
class TrustedProxyTest extends AuthServiceTest {

    @Autowired
    private RedissonClient redis;

    @Test
    void spoofedForwardedForFromAnUntrustedPeerDoesNotDodgeTheClientLimit() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(login(uniqueUsername("spoof"), "wrong", uniqueClientAddress()).status());
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.subList(statuses.indexOf(429), statuses.size())).containsOnly(429);
        assertThat(statuses.get(24)).isEqualTo(429);
    }

    /** Other tests talk to auth-service from loopback without X-Forwarded-For: unblock it for them. */
    @AfterEach
    void forgetLoopbacksFailures() {
        redis.getKeys().deleteByPattern("auth:login-failures:client:127.0.0.1");
    }
}
