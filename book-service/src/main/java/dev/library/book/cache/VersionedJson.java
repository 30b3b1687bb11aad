package dev.library.book.cache;

/**
 * A cached value as it goes on the wire: the JSON document's bytes, serialized once when it was
 * loaded, and a version. In a versioned cache the version orders writes (higher is newer); in an
 * unversioned one it is any number that changes when the document does (a digest of it). Either
 * way it is what the document's entity tag names.
 *
 * @param version not negative
 * @param json    the document, UTF-8; never modified once made
 */
public record VersionedJson(long version, byte[] json) {

    public VersionedJson {
        if (version < 0) {
            throw new IllegalArgumentException("a version is not negative: " + version);
        }
    }
}
