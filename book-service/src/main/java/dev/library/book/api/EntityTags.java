package dev.library.book.api;

import java.util.OptionalLong;

import org.springframework.http.HttpStatus;

import dev.library.web.problem.Problems;

/** A book's version as an HTTP entity tag: {@code "3"}. */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names; empty when the header is absent or {@code *}
     * (any current version). Weak tags are accepted: the version is the same either way.
     */
    static OptionalLong parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException notAVersion) {
                // reported below
            }
        }
        throw Problems.exception(HttpStatus.BAD_REQUEST,
                "If-Match must be one entity tag as returned in ETag, such as \"3\".");
    }

    static boolean matches(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(of(version)) || trimmed.equals("W/" + of(version))) {
                return true;
            }
        }
        return false;
    }
}
