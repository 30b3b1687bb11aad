package dev.library.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;
import dev.library.testhttp.TestIssuer;

/**
 * Token introspection (RFC 7662 shape, internal path) answers whether an access token still counts
 * for privileged calls elsewhere: active only while the account is as the token says.
 */
class TokenIntrospectionTest extends AuthServiceTest {

    @Autowired
    private SigningKeys keys;

    @Test
    void aCurrentAdminsTokenIsActiveWithTheAccountsRolesNow() {
        String admin = newAdmin("current");
        String token = accessToken(login(admin, "password-of-" + admin));

        HttpApi.Response answer = introspect(token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        JsonNode body = answer.json();
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("username").asString()).isEqualTo(admin);
        assertThat(body.get("roles").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("USER", "ADMIN");
    }

    @Test
    void aDemotedAdminsTokenIsInactive() {
        String admin = newAdmin("demoted");
        String token = accessToken(login(admin, "password-of-" + admin));

        setRoles(admin, List.of());

        assertInactive(introspect(token));
    }

    @Test
    void aDisabledAccountsTokenIsInactive() {
        String admin = newAdmin("disabled");
        String token = accessToken(login(admin, "password-of-" + admin));

        api.put("/api/auth/users/" + admin + "/enabled", HttpApi.json("enabled", false),
                "Authorization", HttpApi.bearer(adminAccessToken()));

        assertInactive(introspect(token));
    }

    @Test
    void aTokenFromBeforeAPasswordChangeIsInactive() {
        String admin = newAdmin("changer");
        String token = accessToken(login(admin, "password-of-" + admin));

        assertThat(api.put("/api/auth/me/password", HttpApi.json("current_password", "password-of-" + admin,
                "new_password", "a brand new password"), "Authorization", HttpApi.bearer(token),
                "X-Forwarded-For", uniqueClientAddress()).status()).isEqualTo(204);

        assertInactive(introspect(token));
    }

    @Test
    void aSignedOutSessionsTokenIsInactive() {
        String admin = newAdmin("leaver");
        HttpApi.Response session = login(admin, "password-of-" + admin);

        api.post("/api/auth/logout", HttpApi.json("refresh_token", refreshToken(session)));

        assertInactive(introspect(accessToken(session)));
    }

    @Test
    void signingOutOneSessionLeavesTheOthersActive() {
        String admin = newAdmin("two-devices");
        HttpApi.Response laptop = login(admin, "password-of-" + admin);
        HttpApi.Response phone = login(admin, "password-of-" + admin);

        api.post("/api/auth/logout", HttpApi.json("refresh_token", refreshToken(laptop)));

        assertThat(introspect(accessToken(phone)).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void anExpiredTokenIsInactiveEvenWithinTheSkewValidatorsForgive() throws Exception {
        String admin = newAdmin("expired");
        JWTClaimsSet claims = SignedJWT.parse(accessToken(login(admin, "password-of-" + admin))).getJWTClaimsSet();
        JWTClaimsSet expired = new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().minusSeconds(1)))
                .build();

        assertInactive(introspect(TestIssuer.sign(keys.signingKey(), keys.signingKey().getKeyID(), expired)));
    }

    @Test
    void aForgedTokenIsInactive() throws Exception {
        String admin = newAdmin("forged");
        SignedJWT real = SignedJWT.parse(accessToken(login(admin, "password-of-" + admin)));
        String forged = TestIssuer.sign(new RSAKeyGenerator(2048).generate(), real.getHeader().getKeyID(),
                real.getJWTClaimsSet());

        assertInactive(introspect(forged));
        assertInactive(introspect("not-a-token"));
    }

    @Test
    void introspectionIsNotPartOfTheServicesDescribedApi() {
        assertThat(api.get("/internal/openapi").json().get("paths").propertyNames())
                .noneMatch(path -> path.startsWith("/internal"));
    }

    private HttpApi.Response introspect(String token) {
        return api.postForm("/internal/introspect", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Inactive, and nothing else said (RFC 7662 §2.2). */
    private static void assertInactive(HttpApi.Response answer) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().toString()).isEqualTo("{\"active\":false}");
    }

    /** An account made ADMIN by the bootstrap admin; returns its username. */
    private String newAdmin(String prefix) {
        String username = uniqueUsername(prefix);
        signUp(username, "password-of-" + username);
        assertThat(setRoles(username, List.of("ADMIN")).status()).isEqualTo(200);
        return username;
    }

    private HttpApi.Response setRoles(String username, List<String> roles) {
        return api.put("/api/auth/users/" + username + "/roles", HttpApi.json("roles", roles),
                "Authorization", HttpApi.bearer(adminAccessToken()));
    }
}
