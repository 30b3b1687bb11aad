package dev.library.book.api;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.library.book.cache.VersionedJson;
import dev.library.book.catalog.BookCatalog;
import dev.library.book.catalog.BookPageView;
import dev.library.book.catalog.BookView;

/**
 * The books API. Reads answer the JSON the catalog serialized when it loaded it (no object in
 * between), with an ETag; a client sending it back in If-None-Match gets a 304 without a body.
 */
@RestController
@RequestMapping("/api/books")
class BookController {

    /**
     * Readers may keep an answer but must ask again before using it (If-None-Match: a 304 costs
     * almost nothing); shared caches must not keep it, since every read needs a token.
     */
    private static final String REVALIDATE = CacheControl.noCache().cachePrivate().getHeaderValue();

    private final BookCatalog catalog;

    BookController(BookCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BookPageView.class)))
    void list(HttpServletRequest request, HttpServletResponse response,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) throws IOException {
        send(catalog.list(ListParameters.parse(request.getParameterMap())), ifNoneMatch, response);
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BookView.class)))
    void get(@PathVariable String id, HttpServletResponse response,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) throws IOException {
        send(catalog.get(BookIds.canonical(id)), ifNoneMatch, response);
    }

    /**
     * Writes the stored bytes to the response as they are. Not a {@code ResponseEntity}: Spring MVC
     * would negotiate a converter for a type known here, and check If-None-Match a second time.
     */
    private static void send(VersionedJson answer, String ifNoneMatch, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.ETAG, EntityTags.of(answer.version()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        if (EntityTags.matches(ifNoneMatch, answer.version())) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.json().length);
        response.getOutputStream().write(answer.json());
    }

    @PostMapping
    ResponseEntity<BookView> create(@Valid @RequestBody BookRequest request) {
        BookView book = catalog.create(request.toContent());
        return ResponseEntity.created(URI.create("/api/books/" + book.id())).eTag(EntityTags.of(book.version()))
                .body(book);
    }

    @PutMapping("/{id}")
    ResponseEntity<BookView> replace(@PathVariable String id, @Valid @RequestBody BookRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        BookView book = catalog.replace(BookIds.canonical(id), EntityTags.parseIfMatch(ifMatch), request.toContent());
        return ResponseEntity.ok().eTag(EntityTags.of(book.version())).body(book);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        catalog.delete(BookIds.canonical(id), EntityTags.parseIfMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
