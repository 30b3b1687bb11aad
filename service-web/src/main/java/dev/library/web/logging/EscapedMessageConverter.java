package dev.library.web.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its control characters escaped ({@code \r}, {@code \n}, {@code \t},
 * others as {@code \}{@code uXXXX}), so a value a client chose (a query parameter, a header, a
 * username) cannot end the line and forge another one. Registered for {@code %m}, {@code %msg}
 * and {@code %message} in logback-spring.xml; stack traces still span lines, as they should.
 */
public class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null) {
            return null;
        }
        int first = firstToEscape(message);
        if (first < 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int firstToEscape(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (needsEscape(message.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
