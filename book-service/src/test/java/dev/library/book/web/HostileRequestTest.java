package dev.library.book.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;

import dev.library.book.BookServiceTest;
import dev.library.testhttp.RawHttp;

/**
 * Requests a client can send but no client should: odd media types, bad escapes, brackets or NUL
 * in a query. Each gets a 4xx problem, never a 500, never an HTML page, never framework text.
 */
class HostileRequestTest extends BookServiceTest {

    @Value("${local.server.port}")
    private int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*/*", "application/*", "application/*+json"})
    void aWildcardContentTypeOnCreateIsA415Problem(String contentType) {
        RawHttp.Answer answer = RawHttp.post(port, "/api/books", contentType, json(book("Wild", uniqueTag())),
                "Authorization", "Bearer " + ISSUER.admin());

        assertProblem(answer, 415);
    }

    @Test
    void aYamlBodyIsRefusedWith415() {
        String yaml = "title: Yaml\nauthors: [Someone]\nisbn: " + uniqueIsbn() + "\npublishedYear: '1999'\n";

        RawHttp.Answer answer = RawHttp.post(port, "/api/books", "application/yaml", yaml,
                "Authorization", "Bearer " + ISSUER.admin());

        assertProblem(answer, 415);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/books?q=%ff", "/api/books?a%00b=1", "/api/books?q=%", "/api/books?a[b]=1",
            "/api/books?q[$ne]=x", "/api/books/%c0%ae", "/api/books/%ff",
            "/api/books//x", "/api/books/%2e%2e/x", "/api/books;a=b", "/api/books/%2fx"})
    void aMalformedUrlIsA400Problem(String target) {
        assertProblem(RawHttp.get(port, target, "Authorization", "Bearer " + ISSUER.user()), 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/books/a/b", "/api/docs/", "/api/nothing"})
    void anUnknownPathIsA404ProblemWithoutFrameworkText(String target) {
        RawHttp.Answer answer = RawHttp.get(port, target, "Authorization", "Bearer " + ISSUER.user());

        assertProblem(answer, 404);
        assertThat(answer.body()).doesNotContain("static resource");
    }

    @Test
    void pingIgnoresABadAuthorizationHeader() {
        assertThat(RawHttp.get(port, "/api/ping", "Authorization", "Bearer not.a.token").status()).isEqualTo(200);
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body()).as(answer.toString()).contains("\"status\":" + status)
                .doesNotContain("Exception").doesNotContain("<html");
    }
}
