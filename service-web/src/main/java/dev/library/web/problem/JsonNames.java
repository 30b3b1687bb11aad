package dev.library.web.problem;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Field errors name fields as the client wrote them: a Java property {@code refreshToken} bound
 * from JSON {@code refresh_token} is reported as {@code refresh_token}.
 */
final class JsonNames {

    private JsonNames() {
    }

    /** The JSON name of the (possibly nested, e.g. {@code authors[1]}) property path on {@code target}. */
    static String of(Object target, String propertyPath) {
        if (target == null) {
            return propertyPath;
        }
        int end = firstSeparator(propertyPath);
        String head = propertyPath.substring(0, end);
        return jsonName(target.getClass(), head) + propertyPath.substring(end);
    }

    private static int firstSeparator(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                return i;
            }
        }
        return path.length();
    }

    private static String jsonName(Class<?> type, String property) {
        JsonProperty annotation = null;
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(property)) {
                    annotation = component.getAnnotation(JsonProperty.class);
                    if (annotation == null) {
                        annotation = fieldAnnotation(type, property);
                    }
                }
            }
        } else {
            annotation = fieldAnnotation(type, property);
        }
        return annotation != null && !annotation.value().isEmpty() ? annotation.value() : property;
    }

    private static JsonProperty fieldAnnotation(Class<?> type, String property) {
        try {
            Field field = type.getDeclaredField(property);
            return field.getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
