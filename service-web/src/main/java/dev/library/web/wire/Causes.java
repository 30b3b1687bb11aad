package dev.library.web.wire;

import java.util.Collection;

/** Looks through an error's chain of causes, to answer by what really went wrong. */
public final class Causes {

    private Causes() {
    }

    /** The first throwable in {@code error}'s cause chain (itself included) that is a {@code type}, or null. */
    public static <T extends Throwable> T find(Object error, Class<T> type) {
        for (Throwable cause = error instanceof Throwable t ? t : null; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Whether anything in {@code error}'s cause chain is a {@code type}. */
    public static boolean has(Object error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    /** Whether anything in {@code error}'s cause chain is one of {@code types}. */
    public static boolean hasAny(Object error, Collection<Class<? extends Throwable>> types) {
        return types.stream().anyMatch(type -> has(error, type));
    }
}
