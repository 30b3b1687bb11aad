package dev.library.book.catalog;

import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import dev.library.book.cache.VersionedJson;
import dev.library.book.store.Book;
import dev.library.book.store.BookContent;
import dev.library.book.store.BookQuery;
import dev.library.book.store.BookStore;

/**
 * The books use cases. Reads go through the cache; writes go to MongoDB first and, once it has
 * acknowledged them, tell the cache what they made stale.
 */
@Service
public class BookCatalog {

    private final BookStore store;
    private final BookCache cache;
    private final BookJson json;

    BookCatalog(BookStore store, BookCache cache, JsonMapper json) {
        this.store = store;
        this.cache = cache;
        this.json = new BookJson(json);
    }

    /** A {@link BookView} as JSON; its version is the book's. */
    public VersionedJson get(String id) {
        return cache.book(id, () -> store.findById(id).map(BookView::of).map(json::book))
                .orElseThrow(() -> BookProblems.notFound(id));
    }

    /** A {@link BookPageView} as JSON; its version is a digest of it. */
    public VersionedJson list(BookQuery query) {
        return BookJson.tagged(cache.page(query, () -> {
            BookStore.BookPage found = store.find(query);
            long totalPages = (found.total() + query.size() - 1) / query.size();
            return json.page(new BookPageView(found.books().stream().map(BookView::of).toList(), query.page(),
                    query.size(), found.total(), totalPages));
        }));
    }

    public BookView create(BookContent content) {
        Book created;
        try {
            created = store.insert(content);
        } catch (DuplicateKeyException taken) {
            throw BookProblems.isbnTaken(content.isbn13());
        }
        BookView view = BookView.of(created);
        cache.written(view.id(), json.book(view));
        return view;
    }

    /**
     * Replaces a book. With {@code ifMatch}, only that version may be replaced (412 otherwise);
     * without, the version read here is the one replaced, so a write that slips in between is
     * reported (409) rather than overwritten.
     */
    public BookView replace(String id, OptionalLong ifMatch, BookContent content) {
        Book current = store.findById(id).orElseThrow(() -> BookProblems.notFound(id));
        long expected = checkedVersion(ifMatch, current);
        Optional<Book> replaced;
        try {
            replaced = store.replace(id, expected, content);
        } catch (DuplicateKeyException taken) {
            throw BookProblems.isbnTaken(content.isbn13());
        }
        BookView view = BookView.of(replaced.orElseThrow(() -> lostRace(id, ifMatch, expected)));
        cache.written(view.id(), json.book(view));
        return view;
    }

    public void delete(String id, OptionalLong ifMatch) {
        Book current = store.findById(id).orElseThrow(() -> BookProblems.notFound(id));
        long expected = checkedVersion(ifMatch, current);
        if (!store.delete(id, expected)) {
            throw lostRace(id, ifMatch, expected);
        }
        cache.deleted(id);
    }

    private static long checkedVersion(OptionalLong ifMatch, Book current) {
        if (ifMatch.isPresent() && ifMatch.getAsLong() != current.version()) {
            throw BookProblems.versionMismatch(ifMatch.getAsLong(), current.version());
        }
        return current.version();
    }

    private RuntimeException lostRace(String id, OptionalLong ifMatch, long expected) {
        Optional<Book> now = store.findById(id);
        if (now.isEmpty()) {
            return BookProblems.notFound(id);
        }
        return ifMatch.isPresent() ? BookProblems.versionMismatch(expected, now.get().version())
                : BookProblems.concurrentWrite();
    }
}
