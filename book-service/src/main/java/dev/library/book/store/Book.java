package dev.library.book.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A book as stored. Besides what clients see, it keeps lower-cased keys the indexes need:
 * {@code titleKey} for case-insensitive sorting, {@code authorKeys} for the author filter, and
 * {@code searchTerms} (the words of title and authors) for prefix search that uses an index.
 */
@Document("books")
public record Book(
        @Id String id,
        String title,
        List<String> authors,
        String isbn,
        int publishedYear,
        List<String> tags,
        String description,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String titleKey,
        List<String> authorKeys,
        List<String> searchTerms) {
}
