package dev.library.testhttp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for the tests of every token validator (jwt-validation, the gateway,
 * book-service): a real RSA key, a real HTTP server on a free loopback port publishing its JWKS
 * (counting how often it is fetched), and tokens shaped like auth-service's, which the validators
 * check exactly as they check auth-service's. Like auth-service, it answers token introspection
 * (RFC 7662 shape): active for its own unexpired tokens until a test {@link #revoke revokes} one,
 * as auth-service does when an admin is demoted, disabled or signed out.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://issuer.test";
    /** auth-service's introspection path. */
    public static final String INTROSPECTION_PATH = "/internal/introspect";
    private static final TestIssuer INSTANCE = new TestIssuer();

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> introspections = new ConcurrentHashMap<>();

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
        server.createContext(INTROSPECTION_PATH, this::introspect);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    public static TestIssuer get() {
        return INSTANCE;
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String introspectionUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + INTROSPECTION_PATH;
    }

    /** From now on, introspection answers this token inactive. */
    public void revoke(String token) {
        revoked.add(token);
    }

    /** How often this token was introspected. */
    public int introspections(String token) {
        AtomicInteger count = introspections.get(token);
        return count == null ? 0 : count.get();
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

    private void introspect(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = null;
        for (String pair : form.split("&")) {
            if (pair.startsWith("token=")) {
                token = URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", false);
        if (token != null) {
            introspections.computeIfAbsent(token, any -> new AtomicInteger()).incrementAndGet();
            JWTClaimsSet claims = activeClaims(token);
            if (claims != null) {
                answer.put("active", true);
                answer.put("sub", claims.getSubject());
                answer.put("roles", roles(claims));
            }
        }
        byte[] body = JSONObjectUtils.toJSONString(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The claims of a token this issuer signed, unexpired and not revoked; otherwise null. */
    private JWTClaimsSet activeClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (revoked.contains(token) || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claims.getExpirationTime() != null && claims.getExpirationTime().after(new Date()) ? claims : null;
        } catch (Exception invalid) {
            return null;
        }
    }

    private static List<String> roles(JWTClaimsSet claims) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return roles == null ? List.of() : roles;
        } catch (ParseException e) {
            return List.of();
        }
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
