package dev.library.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run --seed N}: N realistic random books created through the public API as the admin.
 * Book {@code i} is always the same book (same ISBN), so seeding again skips what exists (409).
 * A create the stack cannot take right now (429, 502, 503, 504, a refused or reset connection) is
 * sent again after the answer's {@code Retry-After} or a growing backoff: creates are idempotent by
 * ISBN, so a retry whose first attempt did land answers 409, which counts as done.
 */
public final class BookSeeder {

    private static final int CONCURRENCY = 8;
    /**
     * The first login of a fresh stack can outlast the gateway's response timeout (504) or find the
     * password hashing busy (503) on a loaded machine: it is tried this often, with the backoff
     * below, before seeding gives up (seen: five tries 2 s apart all 504 at a load average of 25).
     */
    private static final int LOGIN_ATTEMPTS = 10;
    /** How often one book is sent before it counts as failed; with the backoff below, about a minute. */
    static final int CREATE_ATTEMPTS = 10;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** Answers that say "not now" rather than "no": the request may succeed when sent again. */
    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Hidden", "Last", "Golden", "Broken", "Distant",
            "Wandering", "Forgotten", "Burning", "Quiet", "Northern", "Secret", "Endless", "Little", "Winter"};
    private static final String[] NOUNS = {"River", "Garden", "Empire", "Lighthouse", "Orchard", "Machine", "Voyage",
            "Archive", "Harbour", "Mountain", "Library", "Island", "Kingdom", "Letters", "Clockmaker", "Tide"};
    private static final String[] FIRST_NAMES = {"Ada", "Jorge", "Mary", "Haruki", "Chinua", "Virginia", "Italo",
            "Toni", "Gabriel", "Ursula", "Naguib", "Wisława", "Fyodor", "Clarice", "Orhan", "Elena"};
    private static final String[] LAST_NAMES = {"Lovelace", "Borges", "Shelley", "Murakami", "Achebe", "Woolf",
            "Calvino", "Morrison", "Márquez", "Le Guin", "Mahfouz", "Szymborska", "Dostoevsky", "Lispector", "Pamuk",
            "Ferrante"};
    private static final String[] TAGS = {"fiction", "history", "science", "poetry", "mystery", "classics",
            "philosophy", "travel", "fantasy", "biography", "essays", "children"};
    private static final int FIRST_YEAR = 1850;
    private static final int YEAR_SPAN = 175;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final SeedingProgress progress;

    /** What a seeding did: books created, already there, and given up on (with the first reason). */
    public record Result(int created, int alreadyThere, int failed, String firstFailure) {

        public boolean complete() {
            return failed == 0;
        }
    }

    /** @param gateway the public base URL; books are created as any client would create them */
    BookSeeder(String gateway, SeedingProgress progress) {
        this.gateway = gateway;
        this.progress = progress;
    }

    /** A seeder reporting its progress, line by line, to {@code out}. */
    public BookSeeder(String gateway, PrintStream out) {
        this(gateway, new SeedingProgress(out, false, Clock.systemUTC()));
    }

    /** Creates books 0..count-1 as this admin; see {@link #seed(int, AdminCredentials)}. */
    public Result seed(int count, String adminUsername, String adminPassword) throws IOException, InterruptedException {
        return seed(count, new AdminCredentials(adminUsername, adminPassword, null));
    }

    /**
     * Creates books 0..count-1, retrying transient answers. Books that still fail are counted, not
     * thrown: a partial seed is reported, and the stack it ran against is left alone.
     */
    Result seed(int count, AdminCredentials admin) throws IOException, InterruptedException {
        String token = login(admin);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/books"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(book(i))).build();
            requests.add(sendRetryingTransient(request, 1).handle((response, error) -> {
                if (error == null && response.statusCode() == 201) {
                    created.incrementAndGet();
                } else if (error == null && response.statusCode() == 409) {
                    skipped.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    String reason = error != null ? String.valueOf(unwrap(error))
                            : response.statusCode() + " " + response.body();
                    if (firstFailure.compareAndSet(null, reason)) {
                        progress.say("first failure: " + reason);
                    }
                }
                inFlight.release();
                progress.update(created.get() + skipped.get() + failed.get(), count, created.get(), skipped.get());
                return null;
            }));
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
        progress.finish();
        return new Result(created.get(), skipped.get(), failed.get(), firstFailure.get());
    }

    /** Sends; a transient answer or connection failure is sent again after a wait, up to {@link #CREATE_ATTEMPTS}. */
    private CompletableFuture<HttpResponse<String>> sendRetryingTransient(HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            boolean again = attempt < CREATE_ATTEMPTS
                    && (error != null ? unwrap(error) instanceof IOException : TRANSIENT.contains(response.statusCode()));
            if (!again) {
                return error != null ? CompletableFuture.<HttpResponse<String>>failedFuture(unwrap(error))
                        : CompletableFuture.completedFuture(response);
            }
            Duration wait = error == null ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt);
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> sendRetryingTransient(request, attempt + 1));
        }).thenCompose(next -> next);
    }

    /** 0.5 s, 1 s, 2 s ... at most {@link #MAX_BACKOFF}, for an answer without Retry-After. */
    static Duration backoff(int attempt) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** The answer's Retry-After in seconds (the form the gateway and the services send), at most {@link #MAX_BACKOFF}. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                Duration wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
                return Optional.of(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    String login(AdminCredentials admin) throws IOException, InterruptedException {
        String body = "{\"username\":" + quote(admin.username()) + ",\"password\":" + quote(admin.password()) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                .header("Content-Type", "application/json").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException unreachable) {
                if (attempt == LOGIN_ATTEMPTS) {
                    throw unreachable;
                }
                progress.say("admin login failed (" + unreachable + "), trying again (" + attempt + " of "
                        + LOGIN_ATTEMPTS + ")");
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() == 200 && token.find()) {
                return token.group(1);
            }
            if (!TRANSIENT.contains(response.statusCode()) || attempt == LOGIN_ATTEMPTS) {
                throw new IllegalStateException("admin login failed: " + response.statusCode() + " " + response.body());
            }
            progress.say("admin login answered " + response.statusCode() + ", trying again (" + attempt + " of "
                    + LOGIN_ATTEMPTS + ")");
            Thread.sleep(retryAfter(response).orElse(backoff(attempt)).toMillis());
        }
    }

    /** Book number {@code index}: the same JSON every time. */
    static String book(int index) {
        Random random = new Random(index);
        String title = "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS)
                + (random.nextInt(4) == 0 ? " of " + pick(random, NOUNS) + "s" : "");
        int authorCount = 1 + (random.nextInt(5) == 0 ? 1 : 0);
        List<String> authors = new ArrayList<>();
        for (int a = 0; a < authorCount; a++) {
            authors.add(pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES));
        }
        List<String> tags = new ArrayList<>();
        for (int t = 0, n = 1 + random.nextInt(3); t < n; t++) {
            String tag = pick(random, TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        int year = FIRST_YEAR + random.nextInt(YEAR_SPAN);
        return "{\"title\":" + quote(title) + ",\"authors\":" + array(authors) + ",\"isbn\":" + quote(isbn(index))
                + ",\"publishedYear\":" + year + ",\"tags\":" + array(tags) + ",\"description\":"
                + quote("A " + tags.get(0) + " book first published in " + year + ".") + "}";
    }

    /** A valid ISBN-13 in the 979-8 range, unique per index. */
    static String isbn(int index) {
        String first12 = "9798" + String.format("%08d", index);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return first12 + (10 - sum % 10) % 10;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String array(List<String> values) {
        return values.stream().map(BookSeeder::quote).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
