package dev.library.operator.apiserver;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's mock API server (CRUD mode) that records every request as an {@link ApiRequest}, and
 * plays server-side apply, which the mock lacks, so the operator runs exactly as in production
 * (SSA on): an apply patch of an object that does not exist creates it; of one that exists, it is
 * merged into it as a JSON merge patch (lists replaced). Field ownership is not played: the
 * operator then re-applies on each reconcile, which only adds requests of kinds it makes anyway.
 * Requests are told apart by User-Agent: {@link #clientAs(String)} gives a client with its own.
 */
public final class RecordingApiServer implements AutoCloseable {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Rbac rbac;
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private record Recorded(String userAgent, ApiRequest request) {
    }

    public RecordingApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Applying(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    /**
     * Answers SelfSubjectRulesReviews (JOSDK asks one for its Lease before leader election) with
     * these rules, as the API server answers with the caller's.
     */
    public void answerRulesReviewsWith(Rbac rules) {
        this.rbac = rules;
    }

    /** A client for the test's own requests (user agent "test"). */
    public KubernetesClient client() {
        return client;
    }

    /** A client whose requests are recorded under this user agent. */
    public KubernetesClient clientAs(String userAgent) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(userAgent).build()).build();
    }

    /** Every request made with this user agent so far, in order. */
    public List<ApiRequest> requestsOf(String userAgent) {
        return requests.stream().filter(r -> userAgent.equals(r.userAgent())).map(Recorded::request).toList();
    }

    public long count(String userAgent, Predicate<ApiRequest> which) {
        return requestsOf(userAgent).stream().filter(which).count();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class Applying extends KubernetesCrudDispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String userAgent = request.getHeader("User-Agent");
            // Reading the body consumes it: the request is passed on with a copy.
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
            requests.add(new Recorded(userAgent == null ? "" : userAgent, ApiRequest.of(request.getMethod(),
                    request.getPath(), request.getHeader("Content-Type"), new String(body, StandardCharsets.UTF_8))));
            if ("POST".equals(request.getMethod()) && request.getPath().startsWith(RULES_REVIEWS) && rbac != null) {
                return rulesReview(new String(body, StandardCharsets.UTF_8));
            }
            return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders(), new Buffer(body)));
        }

        private MockResponse rulesReview(String body) {
            SelfSubjectRulesReview review = SERIALIZATION.unmarshal(body, SelfSubjectRulesReview.class);
            List<ResourceRule> rules = rbac.rulesIn(review.getSpec().getNamespace()).stream()
                    .map(rule -> new ResourceRule(rule.getApiGroups(), rule.getResourceNames(), rule.getResources(),
                            rule.getVerbs()))
                    .toList();
            review.setStatus(new SubjectRulesReviewStatusBuilder().withResourceRules(rules).withIncomplete(false).build());
            return new MockResponse().setResponseCode(201).setBody(SERIALIZATION.asJson(review));
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String type = request.getHeader("Content-Type");
            if (type == null || !type.startsWith("application/apply-patch")) {
                return super.handlePatch(request);
            }
            String path = URI.create(request.getPath()).getPath();
            String json = SERIALIZATION.asJson(SERIALIZATION.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class));
            boolean subresource = path.endsWith("/status") || path.endsWith("/scale");
            String objectPath = subresource ? path.substring(0, path.lastIndexOf('/')) : path;
            MockResponse existing = handleGet(objectPath);
            if (!subresource && existing.code() == 404) {
                String collection = path.substring(0, path.lastIndexOf('/'));
                return handleCreate(rewritten(HttpMethod.POST, collection, "application/json", json));
            }
            // An apply that changes nothing leaves the object (and its resourceVersion) alone, as on a
            // real API server: otherwise every apply would wake the operator's informers again.
            if (existing.code() == 200) {
                Map<String, Object> current = SERIALIZATION.unmarshal(existing.getBody().readUtf8(), Map.class);
                Map<String, Object> merged = merge(SERIALIZATION.unmarshal(SERIALIZATION.asJson(current), Map.class),
                        SERIALIZATION.unmarshal(json, Map.class));
                if (merged.equals(current)) {
                    return new MockResponse().setResponseCode(200).setBody(SERIALIZATION.asJson(current));
                }
                return handleUpdate(rewritten(HttpMethod.PUT, path, "application/json", SERIALIZATION.asJson(merged)));
            }
            return super.handlePatch(rewritten(HttpMethod.PATCH, path, "application/merge-patch+json", json));
        }

        /** RFC 7386 JSON merge patch of plain maps. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
            for (Map.Entry<String, Object> entry : patch.entrySet()) {
                Object value = entry.getValue();
                if (value == null) {
                    target.remove(entry.getKey());
                } else if (value instanceof Map && target.get(entry.getKey()) instanceof Map) {
                    merge((Map<String, Object>) target.get(entry.getKey()), (Map<String, Object>) value);
                } else {
                    target.put(entry.getKey(), value);
                }
            }
            return target;
        }

        private RecordedRequest rewritten(HttpMethod method, String path, String contentType, String body) {
            Headers headers = Headers.builder().add("Content-Type", contentType).build();
            return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** For a message: every distinct request of a user agent, one per line. */
    public String describe(String userAgent) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        requestsOf(userAgent).forEach(r -> counts.merge(r.toString(), 1L, Long::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((request, count) -> text.append("  ").append(request).append(" x").append(count).append('\n'));
        return text.toString();
    }
}
