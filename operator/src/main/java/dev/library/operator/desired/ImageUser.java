package dev.library.operator.desired;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The uid the library images run as: the parent pom's image.user, filtered into operator.properties. */
final class ImageUser {

    private ImageUser() {
    }

    static long get() {
        try (InputStream in = ImageUser.class.getResourceAsStream("/operator.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return Long.parseLong(properties.getProperty("imageUser").trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
