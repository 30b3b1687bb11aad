package dev.library.book.api;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.library.book.store.BookContent;
import dev.library.book.store.Isbn;

/**
 * The body of a create or a full replace. Server-owned fields (id, createdAt, updatedAt,
 * version) are not here, so a client sending them gets 400 (unknown property).
 */
public record BookRequest(
        @NotBlank @Size(max = 200, message = "must be 1 to 200 characters") String title,
        @NotNull @Size(min = 1, max = 10, message = "must list 1 to 10 authors")
        List<@NotBlank @Size(max = 100, message = "must be 1 to 100 characters") String> authors,
        @NotNull @ValidIsbn String isbn,
        @NotNull @PublicationYear Integer publishedYear,
        @Size(max = 20, message = "must have at most 20 tags")
        List<@NotBlank @Size(max = 30, message = "must be 1 to 30 characters") String> tags,
        @Size(max = 4000, message = "must be at most 4000 characters") String description) {

    /** Normalised content: trimmed text, lower-case tags without duplicates, ISBN-13. */
    BookContent toContent() {
        List<String> normalisedTags = tags == null ? List.of()
                : tags.stream().map(tag -> tag.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        return new BookContent(title.trim(), authors.stream().map(String::trim).toList(),
                Isbn.toIsbn13(isbn).orElseThrow(), publishedYear, normalisedTags,
                description == null ? null : description.trim());
    }
}
