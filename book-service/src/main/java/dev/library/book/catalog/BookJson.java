package dev.library.book.catalog;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import tools.jackson.databind.json.JsonMapper;

import dev.library.book.cache.VersionedJson;

/**
 * The catalog's answers as they go on the wire, serialized once, when they are loaded, with the
 * application's {@link JsonMapper} (the one the HTTP layer writes every other body with), so a
 * cache hit is sent as stored. A book's version is its own; a page's is a digest of its bytes, so
 * equal pages have equal entity tags and any change makes a new one.
 */
final class BookJson {

    private final JsonMapper json;

    BookJson(JsonMapper json) {
        this.json = json;
    }

    VersionedJson book(BookView book) {
        return new VersionedJson(book.version(), json.writeValueAsBytes(book));
    }

    VersionedJson page(BookPageView page) {
        byte[] bytes = json.writeValueAsBytes(page);
        return new VersionedJson(digest(bytes), bytes);
    }

    /**
     * A page cached by an older release carries version 0 (pages had none): its tag is made here,
     * so two different pages never share one.
     */
    static VersionedJson tagged(VersionedJson page) {
        return page.version() != 0 ? page : new VersionedJson(digest(page.json()), page.json());
    }

    /** The first 63 bits of the SHA-256 of the bytes, never 0. */
    static long digest(byte[] bytes) {
        try {
            long bits = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes)).getLong() & Long.MAX_VALUE;
            return bits == 0 ? 1 : bits;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
