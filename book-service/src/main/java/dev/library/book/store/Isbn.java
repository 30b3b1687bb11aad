package dev.library.book.store;

import java.util.Optional;

/**
 * ISBNs: ISBN-10 or ISBN-13 in, with or without hyphens and spaces; ISBN-13 (13 digits) stored.
 * A wrong check digit is a wrong ISBN.
 */
public final class Isbn {

    private static final String ISBN_10_TO_13_PREFIX = "978";

    private Isbn() {
    }

    /** The ISBN-13 form of {@code text}, or empty when it is not a valid ISBN. */
    public static Optional<String> toIsbn13(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (compact.length() == 13 && compact.chars().allMatch(Isbn::isAsciiDigit)
                && (compact.startsWith("978") || compact.startsWith("979"))) {
            // Only the Bookland prefixes are ISBNs; other EAN-13s (a can of soup) check out too.
            return isbn13CheckDigit(compact.substring(0, 12)) == compact.charAt(12) - '0'
                    ? Optional.of(compact) : Optional.empty();
        }
        if (compact.length() == 10 && compact.substring(0, 9).chars().allMatch(Isbn::isAsciiDigit)
                && (isAsciiDigit(compact.charAt(9)) || compact.charAt(9) == 'X')) {
            if (!isValidIsbn10(compact)) {
                return Optional.empty();
            }
            String body = ISBN_10_TO_13_PREFIX + compact.substring(0, 9);
            return Optional.of(body + isbn13CheckDigit(body));
        }
        return Optional.empty();
    }

    /**
     * Only 0-9: {@link Character#isDigit} also accepts Arabic-Indic, fullwidth and other digits, whose
     * {@code c - '0'} is no digit value at all, so a crafted string could pass the checksum and be stored.
     */
    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The check digit of the first 12 digits of an ISBN-13: weights 1,3,1,3…, modulo 10. */
    public static int isbn13CheckDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }

    private static boolean isValidIsbn10(String isbn) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int digit = isbn.charAt(i) == 'X' ? 10 : isbn.charAt(i) - '0';
            sum += digit * (10 - i);
        }
        return sum % 11 == 0;
    }
}
