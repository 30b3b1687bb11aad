package dev.library.book.api;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import dev.library.book.catalog.BookCatalog;
import dev.library.book.catalog.BookPageView;
import dev.library.book.catalog.BookView;

@RestController
@RequestMapping("/api/books")
class BookController {

    private final BookCatalog catalog;

    BookController(BookCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    BookPageView list(HttpServletRequest request) {
        return catalog.list(ListParameters.parse(request.getParameterMap()));
    }

    @GetMapping("/{id}")
    ResponseEntity<BookView> get(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        BookView book = catalog.get(BookIds.canonical(id));
        if (EntityTags.matches(ifNoneMatch, book.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(EntityTags.of(book.version())).build();
        }
        return ResponseEntity.ok().eTag(EntityTags.of(book.version())).body(book);
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
