package dev.library.book;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * book-service: the books API. A request's path: {@code api} (HTTP, validation) →
 * {@code catalog} (the use cases and their read cache) → {@code store} (MongoDB); {@code cache}
 * is a Redis-backed Spring cache, knowing nothing of books, that may fail without failing a
 * request; {@code security} checks every token against auth-service's published keys.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BookServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookServiceApplication.class, args);
    }
}
