package dev.library.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BookSeederTest {

    @Test
    void bookNumberIIsAlwaysTheSameBook() {
        assertThat(BookSeeder.book(42)).isEqualTo(BookSeeder.book(42));
        assertThat(BookSeeder.book(42)).isNotEqualTo(BookSeeder.book(43));
    }

    @Test
    void everySeededIsbnIsAValidDistinctIsbn13() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String isbn = BookSeeder.isbn(i);
            assertThat(isbn).hasSize(13);
            int sum = 0;
            for (int d = 0; d < 13; d++) {
                sum += (isbn.charAt(d) - '0') * (d % 2 == 0 ? 1 : 3);
            }
            assertThat(sum % 10).isZero();
            assertThat(seen.add(isbn)).isTrue();
        }
    }
}
