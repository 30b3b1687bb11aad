package dev.library.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.library.auth.AuthServiceTest;
import dev.library.testhttp.HttpApi;

class SignupTest extends AuthServiceTest {

    @Test
    void signupCreatesAUserAccount() {
        String username = uniqueUsername("reader");

        HttpApi.Response response = signUp(username, "a good password");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/auth/users/" + username);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isNotBlank();
        assertThat(body.get("username").asString()).isEqualTo(username);
        assertThat(body.get("roles")).hasSize(1);
        assertThat(body.get("roles").get(0).asString()).isEqualTo("USER");
        assertThat(body.has("password")).isFalse();
        assertThat(body.has("passwordHash")).isFalse();
    }

    @Test
    void usernameIsStoredLowerCase() {
        String username = uniqueUsername("Mixed.Case");

        HttpApi.Response response = signUp(username, "a good password");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("username").asString()).isEqualTo(username.toLowerCase());
    }

    @Test
    void aTakenUsernameIsRefusedInAnyLetterCase() {
        String username = uniqueUsername("taken");
        signUp(username, "a good password");

        HttpApi.Response response = signUp(username.toUpperCase(), "another password");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("already taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a-name-that-is-much-longer-than-32", "with space", "üñïcode", "semi;colon", ""})
    void usernamesOutsideTheAllowedFormAreRefused(String username) {
        HttpApi.Response response = signUp(username, "a good password");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("username");
    }

    @Test
    void aPasswordShorterThan8CharactersIsRefused() {
        HttpApi.Response response = signUp(uniqueUsername("short"), "1234567");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("8 to 128");
    }

    @Test
    void aPasswordLongerThan128CharactersIsRefused() {
        HttpApi.Response response = signUp(uniqueUsername("long"), "x".repeat(129));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void everyCharacterOfA128CharacterPasswordCounts() {
        String username = uniqueUsername("longpass");
        String password = "é".repeat(127) + "A"; // 256 bytes of UTF-8: more than bcrypt could take
        assertThat(signUp(username, password).status()).isEqualTo(201);

        assertThat(login(username, "é".repeat(127) + "B").status()).isEqualTo(401);
        assertThat(login(username, password).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"        ", "\t \t \t \t "})
    void aPasswordOfOnlyWhitespaceIsRefused(String password) {
        HttpApi.Response response = signUp(uniqueUsername("blank"), password);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void aPasswordThatIsTheUsernameIsRefused() {
        String username = uniqueUsername("echo");

        HttpApi.Response response = signUp(username, username.toUpperCase(java.util.Locale.ROOT));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void passwordLengthCountsCharactersNotUtf16Units() {
        // Four emoji are eight UTF-16 units but four characters: too short.
        assertThat(signUp(uniqueUsername("emoji"), "\uD83D\uDE00".repeat(4)).status()).isEqualTo(400);
        // 128 emoji are 256 UTF-16 units but 128 characters: long enough, not too long.
        assertThat(signUp(uniqueUsername("emoji"), "\uD83D\uDE00".repeat(128)).status()).isEqualTo(201);
    }

    @Test
    void missingFieldsAreEachReported() {
        HttpApi.Response response = api.post("/api/auth/signup", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("password", "username");
    }

    @Test
    void aFieldOfTheWrongTypeIsRefused() {
        HttpApi.Response response = api.post("/api/auth/signup", "{\"username\":\"someone\",\"password\":12345678}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(response.json().get("errors").get(0).get("message").asString()).isEqualTo("must be a string");
    }

    @Test
    void anUnknownPropertyIsRefused() {
        HttpApi.Response response = api.post("/api/auth/signup",
                HttpApi.json("username", uniqueUsername("extra"), "password", "a good password", "roles", "ADMIN"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("Unknown property 'roles'.");
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        HttpApi.Response response = api.post("/api/auth/signup", "{\"username\": \"x\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).startsWith("Malformed JSON at line 1");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        HttpApi.Response response = api.post("/api/auth/signup", "[\"username\"]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anEmptyBodyIsRefused() {
        HttpApi.Response response = api.post("/api/auth/signup", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aBodyOver16KibIsRefusedAsTooLarge() {
        String padding = "x".repeat(17 * 1024);

        HttpApi.Response response = api.post("/api/auth/signup",
                HttpApi.json("username", "big", "password", padding));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aChunkedBodyOver16KibIsRefusedAsTooLarge() {
        String body = HttpApi.json("username", "big", "password", "x".repeat(17 * 1024));
        // A body publisher of unknown length makes the client send it chunked, without Content-Length.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://unused"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes())));

        HttpApi.Response response = api.send(request.uri(URI.create(baseUrl() + "/api/auth/signup")));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupported() {
        HttpApi.Response response = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/auth/signup"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("username=x")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aWrongMethodIsRefused() {
        HttpApi.Response response = api.get("/api/auth/signup");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
