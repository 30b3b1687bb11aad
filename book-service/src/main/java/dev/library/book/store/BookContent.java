package dev.library.book.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a client may set on a book: everything but the server-owned id, timestamps and version. */
public record BookContent(String title, List<String> authors, String isbn13, int publishedYear, List<String> tags,
        String description) {

    /** The lower-cased words of a text, as indexed for search and as matched against a query. */
    public static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(word -> !word.isEmpty()).toList();
    }

    String titleKey() {
        return title.toLowerCase(Locale.ROOT);
    }

    List<String> authorKeys() {
        return authors.stream().map(author -> author.toLowerCase(Locale.ROOT)).toList();
    }

    List<String> searchTerms() {
        Set<String> terms = new LinkedHashSet<>(words(title));
        authors.forEach(author -> terms.addAll(words(author)));
        return List.copyOf(terms);
    }
}
