package dev.library.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run --seed N}: N realistic random books created through the public API as the admin.
 * Book {@code i} is always the same book (same ISBN), so seeding again skips what exists (409).
 */
final class BookSeeder {

    private static final int CONCURRENCY = 8;
    /**
     * The first login of a fresh stack can outlast the gateway's response timeout (504) or find the
     * password hashing busy (503) on a loaded machine: it is tried this often before seeding gives up.
     */
    private static final int LOGIN_ATTEMPTS = 5;
    private static final Duration LOGIN_RETRY_WAIT = Duration.ofSeconds(2);
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

    /** @param gateway the public base URL; books are created as any client would create them */
    BookSeeder(String gateway, SeedingProgress progress) {
        this.gateway = gateway;
        this.progress = progress;
    }

    /** Creates books 0..count-1; returns {created, skipped}. */
    int[] seed(int count, AdminCredentials admin) throws IOException, InterruptedException {
        String token = login(admin);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/books"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(book(i))).build();
            requests.add(sendRespectingRateLimit(request).handle((response, error) -> {
                if (error == null && response.statusCode() == 201) {
                    created.incrementAndGet();
                } else if (error == null && response.statusCode() == 409) {
                    skipped.incrementAndGet();
                } else {
                    if (failed.incrementAndGet() == 1) {
                        progress.say("first failure: " + (error != null ? error : response.statusCode() + " "
                                + response.body()));
                    }
                }
                inFlight.release();
                progress.update(created.get() + skipped.get() + failed.get(), count, created.get(), skipped.get());
                return null;
            }));
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
        progress.finish();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " books could not be created");
        }
        return new int[] {created.get(), skipped.get()};
    }

    /** Sends, and when the gateway answers 429, waits its Retry-After and sends again. */
    private CompletableFuture<HttpResponse<String>> sendRespectingRateLimit(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() != 429) {
                return CompletableFuture.completedFuture(response);
            }
            long waitSeconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(waitSeconds, java.util.concurrent.TimeUnit.SECONDS))
                    .thenCompose(ignored -> sendRespectingRateLimit(request));
        });
    }

    String login(AdminCredentials admin) throws IOException, InterruptedException {
        String body = "{\"username\":" + quote(admin.username()) + ",\"password\":" + quote(admin.password()) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() == 200 && token.find()) {
                return token.group(1);
            }
            boolean busy = response.statusCode() == 503 || response.statusCode() == 504;
            if (!busy || attempt == LOGIN_ATTEMPTS) {
                throw new IllegalStateException("admin login failed: " + response.statusCode() + " " + response.body());
            }
            progress.say("admin login answered " + response.statusCode() + ", trying again (" + attempt + " of "
                    + LOGIN_ATTEMPTS + ")");
            long waitSeconds = response.headers().firstValueAsLong("Retry-After").orElse(LOGIN_RETRY_WAIT.toSeconds());
            Thread.sleep(Duration.ofSeconds(waitSeconds).toMillis());
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
