package dev.library.book.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks auth-service whether an admin's access token still counts (RFC 7662 introspection on its
 * internal path): a token stays validly signed after its account is demoted, disabled or signed
 * out, so for writes its roles are confirmed by the issuer, which knows the account as it is now.
 * Answers are kept per token (by its SHA-256) for {@code cache-ttl}; a call that fails or takes
 * longer than {@code timeout} is {@link Answer#UNANSWERED}, never cached, and refuses the write.
 */
public class AdminTokenIntrospection {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenIntrospection.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final String ADMIN = "ADMIN";

    /** What auth-service said of a token. */
    public enum Answer {
        /** Active, and the account is ADMIN now. */
        CURRENT_ADMIN,
        /** Inactive (revoked, expired, forged) or no longer ADMIN. */
        REVOKED,
        /** auth-service did not answer in time, or answered nonsense. */
        UNANSWERED
    }

    private record Cached(Answer answer, Instant until) {
    }

    private final AdminCheckProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient client;
    private final Map<String, Cached> answers = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastLog = new AtomicReference<>(Instant.MIN);

    public AdminTokenIntrospection(AdminCheckProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout()).build();
    }

    public Answer check(String token) {
        String key = sha256(token);
        Instant now = clock.instant();
        Cached cached = answers.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.answer();
        }
        Answer answer = ask(token);
        if (answer != Answer.UNANSWERED) {
            remember(key, new Cached(answer, now.plus(properties.cacheTtl())), now);
        }
        return answer;
    }

    private Answer ask(String token) {
        HttpRequest request = HttpRequest.newBuilder(properties.introspectionUri()).timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return unanswered("status " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            JsonNode active = body.get("active");
            if (active == null || !active.isBoolean()) {
                return unanswered("no boolean 'active' in the answer");
            }
            JsonNode roles = body.get("roles");
            boolean admin = roles != null && roles.valueStream().anyMatch(role -> ADMIN.equals(role.asString()));
            return active.asBoolean() && admin ? Answer.CURRENT_ADMIN : Answer.REVOKED;
        } catch (IOException | JacksonException e) {
            return unanswered(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered("interrupted");
        }
    }

    /** Bounded: expired answers go first; if every answer is fresh, all go (they are only re-asked). */
    private void remember(String key, Cached answer, Instant now) {
        if (answers.size() >= properties.maxCachedTokens()) {
            answers.values().removeIf(cached -> !now.isBefore(cached.until()));
            if (answers.size() >= properties.maxCachedTokens()) {
                answers.clear();
            }
        }
        answers.put(key, answer);
    }

    private Answer unanswered(String why) {
        Instant now = clock.instant();
        Instant last = lastLog.get();
        if (now.isAfter(last.plus(LOG_INTERVAL)) && lastLog.compareAndSet(last, now)) {
            log.warn("auth-service did not answer token introspection at {} ({}): admin writes get 503 meanwhile",
                    properties.introspectionUri(), why);
        }
        return Answer.UNANSWERED;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
