package dev.library.book.api;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.library.book.store.BookContent;
import dev.library.book.store.Isbn;

/**
 * The body of a create or a full replace. Server-owned fields (id, createdAt, updatedAt,
 * version) are not here, so a client sending them gets 400 (unknown property).
 */
@Schema(description = "A book as a client writes it. Lengths are checked in UTF-16 code units, as Java counts them.")
public record BookRequest(
        @Schema(minLength = 1, maxLength = 200, pattern = NOT_BLANK, example = "The Left Hand of Darkness",
                description = "Not blank; stored trimmed.")
        @NotBlank @Size(max = 200, message = "must be 1 to 200 characters") String title,
        @ArraySchema(minItems = 1, maxItems = 10, arraySchema = @Schema(example = "[\"Ursula K. Le Guin\"]"),
                schema = @Schema(minLength = 1, maxLength = 100, pattern = NOT_BLANK, description = "Not blank; stored trimmed."))
        @NotNull @Size(min = 1, max = 10, message = "must list 1 to 10 authors")
        List<@NotBlank @Size(max = 100, message = "must be 1 to 100 characters") String> authors,
        @Schema(pattern = ISBN, example = "978-0-441-47812-5", description = "An ISBN-10 or an ISBN-13 (978 or 979 prefix) "
                + "with a correct check digit; hyphens and spaces are ignored. Stored and answered as 13 digits.")
        @NotNull @ValidIsbn String isbn,
        @Schema(minimum = "" + PublicationYear.FIRST, example = "1969",
                description = "From 1450 to next year (UTC): announced books are allowed.")
        @NotNull @PublicationYear Integer publishedYear,
        @ArraySchema(maxItems = 20, arraySchema = @Schema(example = "[\"science fiction\"]"),
                schema = @Schema(minLength = 1, maxLength = 30, pattern = NOT_BLANK,
                        description = "Not blank; stored trimmed and lower-cased, duplicates dropped."))
        @Size(max = 20, message = "must have at most 20 tags")
        List<@NotBlank @Size(max = 30, message = "must be 1 to 30 characters") String> tags,
        @Schema(maxLength = 4000, example = "An envoy visits a planet whose people have no fixed sex.")
        @Size(max = 4000, message = "must be at most 4000 characters") String description) {

    /** A character other than whitespace somewhere (@NotBlank); JSON Schema patterns are unanchored. */
    static final String NOT_BLANK = "\\S";
    /** What {@link Isbn#toIsbn13} reads, but the check digit: hyphens and spaces anywhere, X only as an ISBN-10's last. */
    static final String ISBN = "^[- ]*(?:9[- ]*7[- ]*[89](?:[- ]*[0-9]){10}|(?:[0-9][- ]*){9}[0-9Xx])[- ]*$";

    /** Normalised content: trimmed text, lower-case tags without duplicates, ISBN-13. */
    BookContent toContent() {
        List<String> normalisedTags = tags == null ? List.of()
                : tags.stream().map(tag -> tag.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        return new BookContent(title.trim(), authors.stream().map(String::trim).toList(),
                Isbn.toIsbn13(isbn).orElseThrow(), publishedYear, normalisedTags,
                description == null ? null : description.trim());
    }
}
