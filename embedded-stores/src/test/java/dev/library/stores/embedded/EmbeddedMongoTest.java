package dev.library.stores.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

    @TempDir
    Path dir;

    @Test
    void aPersistentServerKeepsItsDataAcrossARestart() {
        Path file = dir.resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
                MongoClient client = MongoClients.create(mongo.connectionString("test"))) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", "kept"));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
                MongoClient client = MongoClients.create(mongo.connectionString("test"))) {
            assertThat(client.getDatabase("test").getCollection("things").find(new Document("_id", "kept")).first())
                    .isNotNull();
        }
    }

    @Test
    void aNewDataFileAndItsDirectoryAreOwnerOnlyFromTheStart() throws Exception {
        Path file = dir.resolve("fresh").resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0);
                MongoClient client = MongoClients.create(mongo.connectionString("test"))) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", "secret"));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void theServerAnswersTheHelloHandshakeAsAWritablePrimary() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString("test"))) {
            Document reply = client.getDatabase("test").runCommand(new Document("hello", 1));

            assertThat(reply.getBoolean("isWritablePrimary")).isTrue();
            assertThat(reply.get("ok")).isIn(1, 1.0);
        }
    }
}
