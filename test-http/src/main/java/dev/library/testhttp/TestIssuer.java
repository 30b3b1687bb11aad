package dev.library.testhttp;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for the tests of every token validator (jwt-validation, the gateway,
 * book-service): a real RSA key, a real HTTP server on a free loopback port publishing its JWKS
 * (counting how often it is fetched), and tokens shaped like auth-service's, which the validators
 * check exactly as they check auth-service's.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://issuer.test";
    private static final TestIssuer INSTANCE = new TestIssuer();

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    public static TestIssuer get() {
        return INSTANCE;
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public String user() {
        return token(claims("USER").build());
    }

    public String admin() {
        return token(claims("USER", "ADMIN").build());
    }

    /** Claims of a valid token with these roles, to be altered by a test. */
    public JWTClaimsSet.Builder claims(String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(UUID.randomUUID().toString())
                .audience(List.of("library-api")).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", "tester").claim("roles", List.of(roles));
    }

    public String token(JWTClaimsSet claims) {
        return sign(key, key.getKeyID(), claims);
    }

    /** A token signed by this issuer's key but naming another key id. */
    public String tokenWithKid(String kid, JWTClaimsSet claims) {
        return sign(key, kid, claims);
    }

    public static String sign(RSAKey signingKey, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
