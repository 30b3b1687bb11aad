package dev.library.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's own version: the default image tag of the services it runs. */
public final class OperatorVersion {

    private OperatorVersion() {
    }

    public static String get() {
        try (InputStream in = OperatorVersion.class.getResourceAsStream("/operator.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
