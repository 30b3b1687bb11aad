package dev.library.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.library.localstack.Stack;
import dev.library.testhttp.HttpApi;

/** What the edge refuses, before any service is touched. */
class EdgeSecurityTest extends EndToEndTest {

    private static final String BOOK_REQUESTS = "http_server_requests_seconds_count{application=\"book-service\"";

    @Test
    void aForgedSignatureIs401AtTheEdge() throws Exception {
        String[] parts = adminToken().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertRefusedAtTheEdge(tampered);
    }

    @Test
    void anExpiredTokenIs401AtTheEdge() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefusedAtTheEdge(sign(serviceKey(), claims("library-api", past, past.plus(Duration.ofMinutes(15)))));
    }

    @Test
    void anUnsignedTokenIs401AtTheEdge() throws Exception {
        Instant now = Instant.now();
        assertRefusedAtTheEdge(new PlainJWT(claims("library-api", now, now.plusSeconds(600))).serialize());
    }

    @Test
    void aTokenSignedByAnotherKeyIs401AtTheEdge() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(serviceKey().getKeyID()).generate();
        Instant now = Instant.now();

        assertRefusedAtTheEdge(sign(stranger, claims("library-api", now, now.plusSeconds(600))));
    }

    @Test
    void aTokenForAnotherAudienceIs401AtTheEdge() throws Exception {
        Instant now = Instant.now();
        assertRefusedAtTheEdge(sign(serviceKey(), claims("another-api", now, now.plusSeconds(600))));
    }

    @Test
    void noTokenIs401AtTheEdge() throws Exception {
        double before = metric(Stack.BOOK_SERVICE, BOOK_REQUESTS);

        HttpApi.Response response = gateway.get("/api/books");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(metric(Stack.BOOK_SERVICE, BOOK_REQUESTS)).isEqualTo(before);
    }

    @Test
    void aValidTokenSignedByTheServiceKeyPasses() throws Exception {
        Instant now = Instant.now();
        String token = sign(serviceKey(), claims("library-api", now, now.plusSeconds(600)));

        assertThat(gateway.get("/api/books?size=1", "Authorization", HttpApi.bearer(token)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/prometheus", "//actuator/health",
            "/ACTUATOR/health", "/api/auth/../../actuator/health", "/api/books/%2e%2e/%2e%2e/actuator/health",
            "/api/books/..%2F..%2Factuator/health", "/api/auth/actuator/health", "/api/books/actuator/prometheus",
            "/.well-known/../actuator/health", "/api/ping/../../actuator/env", "/api/auth/%2e%2e%2factuator"})
    void noSpellingReachesAnActuator(String path) throws Exception {
        HttpApi.Response response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).GET(),
                "Authorization", HttpApi.bearer(adminToken()));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("\"UP\"").doesNotContain("jvm_").doesNotContain("components");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (HttpApi.Response response : List.of(gateway.get("/api/ping"), gateway.get("/api/books"),
                gateway.get("/nowhere"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        }
    }

    @Test
    void noOriginIsAllowedCrossOriginByDefault() {
        HttpApi.Response preflight = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/api/books"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aBodyOverTheLimitIs413AtTheEdge() {
        HttpApi.Response response = gateway.post("/api/auth/signup", "{\"username\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anUnroutedPathIs404Problem() throws Exception {
        HttpApi.Response response = gateway.get("/api/nothing", "Authorization", HttpApi.bearer(adminToken()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    private void assertRefusedAtTheEdge(String token) {
        double before = metric(Stack.BOOK_SERVICE, BOOK_REQUESTS);

        HttpApi.Response response = gateway.get("/api/books", "Authorization", HttpApi.bearer(token));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(metric(Stack.BOOK_SERVICE, BOOK_REQUESTS)).as("book-service was not called").isEqualTo(before);
    }

    private static JWTClaimsSet claims(String audience, Instant issued, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer("http://localhost:" + RunningStack.get().service(Stack.AUTH_SERVICE)
                .port()).subject("000000000000000000000000").audience(List.of(audience)).issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(expiry))
                .claim("roles", List.of("USER", "ADMIN")).claim("preferred_username", "forger").build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** auth-service's signing key, read from the directory it generated it in. */
    private static RSAKey serviceKey() throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(RunningStack.get().signingKeys())) {
            file = files.filter(path -> path.toString().endsWith(".pem")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
    }
}
