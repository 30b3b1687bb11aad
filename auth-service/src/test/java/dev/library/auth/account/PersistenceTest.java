package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.library.auth.AuthServiceInstance;
import dev.library.auth.token.SigningKeys;
import dev.library.stores.embedded.EmbeddedMongo;
import dev.library.testhttp.HttpApi;

/**
 * What was acknowledged survives a restart of the service and of the database: the embedded
 * server is stopped and reopened on the same data file (a real MongoDB when MONGODB_URI is set
 * is left running; the service is still restarted).
 */
class PersistenceTest {

    private static final String DATABASE = "auth_persistence";

    @TempDir
    Path dataDir;

    @Test
    void anAccountAndItsSessionSurviveARestart() throws Exception {
        Path keys = dataDir.resolve("keys");
        SigningKeys.generate(keys, 2048);
        Path mongoFile = dataDir.resolve("mongo.mv");
        String refreshToken;

        try (Database database = Database.open(mongoFile);
                AuthServiceInstance auth = AuthServiceInstance.start(database.uri(), DATABASE, keys)) {
            HttpApi api = auth.api();
            assertThat(api.post("/api/auth/signup", HttpApi.json("username", "durable", "password", "survives restarts"))
                    .status()).isEqualTo(201);
            refreshToken = api.post("/api/auth/login", HttpApi.json("username", "durable", "password",
                    "survives restarts")).json().get("refresh_token").asString();
        }

        try (Database database = Database.open(mongoFile);
                AuthServiceInstance auth = AuthServiceInstance.start(database.uri(), DATABASE, keys)) {
            HttpApi api = auth.api();
            assertThat(api.post("/api/auth/login", HttpApi.json("username", "durable", "password", "survives restarts"))
                    .status()).isEqualTo(200);
            assertThat(api.post("/api/auth/refresh", HttpApi.json("refresh_token", refreshToken)).status())
                    .isEqualTo(200);
        }
    }

    /** The embedded server on a data file, or the external MongoDB of MONGODB_URI. */
    private record Database(EmbeddedMongo embedded, String uri) implements AutoCloseable {

        static Database open(Path file) {
            String external = System.getenv("MONGODB_URI");
            if (external != null && !external.isBlank()) {
                return new Database(null, external);
            }
            EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
            return new Database(mongo, mongo.connectionString(DATABASE));
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
