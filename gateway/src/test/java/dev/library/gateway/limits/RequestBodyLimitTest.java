package dev.library.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Which request bodies pass the edge's size limit. */
class RequestBodyLimitTest {

    private static final int LIMIT = 16;
    private final RequestBodyLimit limit = new RequestBodyLimit(LIMIT);

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnythingIsRead() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/books")
                .contentLength(LIMIT + 1).body("x".repeat(LIMIT + 1)));

        assertThatThrownBy(() -> limit.filter(exchange, next -> Mono.error(new AssertionError("passed on"))).block())
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void aChunkedBodyGrowingOverTheLimitIs413WhileItIsRead() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/books")
                .header("Transfer-Encoding", "chunked").body("x".repeat(LIMIT + 1)));

        assertThatThrownBy(() -> limit.filter(exchange, next -> read(next).then()).block())
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void aChunkedBodyWithinTheLimitPassesWhole() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/books")
                .header("Transfer-Encoding", "chunked").body("x".repeat(LIMIT)));
        AtomicReference<String> body = new AtomicReference<>();

        limit.filter(exchange, next -> read(next).doOnNext(body::set).then()).block();

        assertThat(body.get()).isEqualTo("x".repeat(LIMIT));
    }

    @Test
    void aRequestWithoutTransferCodingGoesOnUnwrapped() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/ping"));
        AtomicReference<ServerWebExchange> passed = new AtomicReference<>();

        limit.filter(exchange, next -> {
            passed.set(next);
            return Mono.empty();
        }).block();

        assertThat(passed.get()).isSameAs(exchange);
    }

    private static Mono<String> read(ServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                });
    }
}
