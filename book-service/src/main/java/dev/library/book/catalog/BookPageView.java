package dev.library.book.catalog;

import java.util.List;

/** One page of books, as the API shows it, and as it is cached. */
public record BookPageView(List<BookView> content, int page, int size, long totalElements, long totalPages) {
}
