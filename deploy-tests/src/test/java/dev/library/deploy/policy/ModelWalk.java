package dev.library.deploy.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A walk over fabric8's typed model of an object. fabric8 keeps every field it does not know in
 * the object's {@code additionalProperties}; a field found there is a typo or a field of another
 * Kubernetes version, which the API server would drop (or reject with strict field validation).
 */
public final class ModelWalk {

    private ModelWalk() {
    }

    /** Each unknown field as its path, e.g. {@code spec.template.spec.containers[0].readinesProbe}. */
    public static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) { // custom resources have no typed model here
            walk(object, "", found);
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Quantity || value instanceof IntOrString) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : getters(value.getClass())) {
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown) {
                    unknown.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
                }
            } else {
                walk(property, join(path, propertyName(getter)), found);
            }
        }
    }

    /** The names of the model properties that are set, e.g. [name, emptyDir] for an emptyDir volume. */
    static List<String> nonNullProperties(KubernetesResource object) {
        return getters(object.getClass()).stream()
                .filter(getter -> !getter.getName().equals("getAdditionalProperties"))
                .filter(getter -> invoke(getter, object) != null).map(ModelWalk::propertyName).toList();
    }

    private static List<Method> getters(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getName().startsWith("get") && !method.getName().equals("getClass"))
                .filter(method -> method.getName().equals("getAdditionalProperties")
                        || method.isAnnotationPresent(JsonProperty.class) || hasJsonField(type, method))
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    private static boolean hasJsonField(Class<?> type, Method getter) {
        String name = propertyName(getter);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name).isAnnotationPresent(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return false;
    }

    private static String propertyName(Method getter) {
        JsonProperty json = getter.getAnnotation(JsonProperty.class);
        if (json != null && !json.value().isEmpty()) {
            return json.value();
        }
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
