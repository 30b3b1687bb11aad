package dev.library.book.catalog;

import java.time.Instant;
import java.util.List;

import dev.library.book.store.Book;

/** A book as the API shows it, and as it is cached. */
public record BookView(String id, String title, List<String> authors, String isbn, int publishedYear,
        List<String> tags, String description, Instant createdAt, Instant updatedAt, long version) {

    public static BookView of(Book book) {
        return new BookView(book.id(), book.title(), book.authors(), book.isbn(), book.publishedYear(), book.tags(),
                book.description(), book.createdAt(), book.updatedAt(), book.version());
    }
}
