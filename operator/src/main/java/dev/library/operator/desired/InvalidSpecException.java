package dev.library.operator.desired;

import java.util.List;

/**
 * The Library asks for something that cannot be made. The message is what the Degraded condition
 * says and what {@code render} prints; nothing is applied while it stands.
 */
public final class InvalidSpecException extends RuntimeException {

    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
