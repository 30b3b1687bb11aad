package dev.library.e2e.contract;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.library.testhttp.HttpApi;

/**
 * An HTTP client of the gateway that checks every exchange against the OpenAPI description as it
 * goes, and remembers what was wrong and which operations answered which statuses. Requests
 * that are wrong on purpose (to see a 400, 401, 413 or 415) go through {@link #onPurposeWrong()}:
 * only their responses are checked.
 */
public final class ValidatingClient {

    private final HttpApi api;
    private final OpenApiContract contract;
    private final boolean checkRequests;
    private final List<String> violations;
    private final Map<String, Set<Integer>> seen;
    private final int[] exchanges;

    public ValidatingClient(HttpApi api, OpenApiContract contract) {
        this(api, contract, true, new ArrayList<>(), new TreeMap<>(), new int[1]);
    }

    private ValidatingClient(HttpApi api, OpenApiContract contract, boolean checkRequests, List<String> violations,
            Map<String, Set<Integer>> seen, int[] exchanges) {
        this.api = api;
        this.contract = contract;
        this.checkRequests = checkRequests;
        this.violations = violations;
        this.seen = seen;
        this.exchanges = exchanges;
    }

    /** The same client, for requests that break the description on purpose. */
    public ValidatingClient onPurposeWrong() {
        return new ValidatingClient(api, contract, false, violations, seen, exchanges);
    }

    public HttpApi.Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public HttpApi.Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public HttpApi.Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public HttpApi.Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    private HttpApi.Response send(String method, String path, String body, String... headers) {
        URI uri = URI.create(api.base() + path);
        Map<String, String> sent = new LinkedHashMap<>();
        if (body != null) {
            sent.put("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            sent.put(headers[i], headers[i + 1]);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpApi.Response response = api.send(request, sent.entrySet().stream()
                .flatMap(header -> java.util.stream.Stream.of(header.getKey(), header.getValue())).toArray(String[]::new));
        exchanges[0]++;
        String exchange = method + " " + path + " -> " + response.status() + ": ";
        if (checkRequests) {
            contract.checkRequest(method, uri, sent, body).forEach(problem -> violations.add(exchange + problem));
        }
        contract.checkResponse(method, uri, response.raw()).forEach(problem -> violations.add(exchange + problem));
        contract.operation(method, uri).ifPresent(operation ->
                seen.computeIfAbsent(operation, key -> new TreeSet<>()).add(response.status()));
        return response;
    }

    public List<String> violations() {
        return violations;
    }

    /** Operation to the statuses it answered. */
    public Map<String, Set<Integer>> seen() {
        return seen;
    }

    public int exchanges() {
        return exchanges[0];
    }
}
