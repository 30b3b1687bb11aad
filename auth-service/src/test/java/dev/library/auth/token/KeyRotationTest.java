package dev.library.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.auth.AuthServiceInstance;
import dev.library.stores.embedded.TestStores;
import dev.library.testhttp.HttpApi;

/**
 * Rotation as an operator does it: add a newer key file and restart; the newest key signs, the
 * older one stays published, and tokens it signed remain valid until it is removed.
 */
class KeyRotationTest {

    private static final String DATABASE = "auth_key_rotation";

    @TempDir
    Path keys;

    @Test
    void aTokenFromTheOlderKeyStaysValidWhileThatKeyIsPublished() throws Exception {
        Path oldKey = Files.move(SigningKeys.generate(keys, 2048), keys.resolve("key-1-old.pem"));
        String oldToken;
        String oldKid;
        try (AuthServiceInstance auth = AuthServiceInstance.start(TestStores.mongoUri(DATABASE), DATABASE, keys)) {
            oldToken = session(auth.api(), "rotation-user");
            oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();
        }
        Files.move(SigningKeys.generate(keys, 2048), keys.resolve("key-2-new.pem"));

        try (AuthServiceInstance auth = AuthServiceInstance.start(TestStores.mongoUri(DATABASE), DATABASE, keys)) {
            HttpApi api = auth.api();
            String newToken = login(api, "rotation-user");
            String newKid = SignedJWT.parse(newToken).getHeader().getKeyID();
            JWKSet published = JWKSet.parse(api.get("/.well-known/jwks.json").body());

            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(published.getKeys()).extracting(key -> key.getKeyID()).containsExactlyInAnyOrder(oldKid, newKid);
            assertThat(me(api, oldToken).status()).isEqualTo(200);
            assertThat(me(api, newToken).status()).isEqualTo(200);
        }
        Files.delete(oldKey);

        try (AuthServiceInstance auth = AuthServiceInstance.start(TestStores.mongoUri(DATABASE), DATABASE, keys)) {
            assertThat(me(auth.api(), oldToken).status()).isEqualTo(401);
        }
    }

    private static String session(HttpApi api, String username) {
        api.post("/api/auth/signup", HttpApi.json("username", username, "password", "rotation password"));
        return login(api, username);
    }

    private static String login(HttpApi api, String username) {
        return api.post("/api/auth/login", HttpApi.json("username", username, "password", "rotation password"))
                .json().get("access_token").asString();
    }

    private static HttpApi.Response me(HttpApi api, String token) {
        return api.get("/api/auth/me", "Authorization", HttpApi.bearer(token));
    }
}
