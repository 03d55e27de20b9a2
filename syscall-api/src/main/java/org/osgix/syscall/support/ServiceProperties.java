package org.osgix.syscall.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's properties through a DS component property type (an annotation such as
 * {@link org.osgix.syscall.Syscall}), so the annotation that declares a property on a component
 * is also how a whiteboard consumer reads it. The property names follow the Declarative Services
 * mapping (OSGi Compendium 112.8.2): {@code PREFIX_} plus the element name with {@code _} as
 * {@code .}, or, for a single {@code value} element, the annotation's name in dotted lower case.
 * The values are converted as DS converts them (a scalar, array or collection to the element's
 * type); a missing property gives the element's default. The OSGi Converter is not part of the
 * runtime, so this covers the element types the osgix property types use: String, boolean,
 * int, long, enums and arrays of them.
 *
 * <p>Registration-time only: a view is a proxy, each read converts again.
 */
public final class ServiceProperties {
    private ServiceProperties() {
    }

    /**
     * A view of {@code properties} as {@code type}. A read throws IllegalArgumentException when
     * a value cannot be converted, or when it is missing and the element has no default.
     */
    public static <A extends Annotation> A view(Class<A> type, Map<String, ?> properties) {
        Object view = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + properties;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return read(method, properties.get(name(type, method.getName())));
            }
        });
        return type.cast(view);
    }

    /** The service property name of {@code element} of the property type {@code type}. */
    public static String name(Class<? extends Annotation> type, String element) {
        String prefix = prefix(type);
        if (element.equals("value") && singleElement(type)) {
            return prefix + dotted(type.getSimpleName());
        }
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            boolean doubled = i + 1 < element.length() && element.charAt(i + 1) == c;
            if (c == '_' || c == '$') {
                if (doubled) {
                    name.append(c);
                    i++;
                } else if (c == '_') {
                    name.append('.');
                }
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static String prefix(Class<?> type) {
        try {
            Field field = type.getField("PREFIX_");
            return field.get(null) instanceof String p ? p : "";
        } catch (NoSuchFieldException | IllegalAccessException none) {
            return "";
        }
    }

    private static boolean singleElement(Class<?> type) {
        return type.getDeclaredMethods().length == 1;
    }

    /** {@code SyscallName} → {@code syscall.name}. */
    private static String dotted(String simpleName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('.');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static Object read(Method element, Object value) {
        Class<?> type = element.getReturnType();
        if (value == null) {
            Object fallback = element.getDefaultValue();
            if (fallback == null) {
                throw new IllegalArgumentException("no " + element.getName() + " property");
            }
            return fallback;
        }
        List<Object> values = values(value);
        if (type.isArray()) {
            Object out = Array.newInstance(type.getComponentType(), values.size());
            for (int i = 0; i < values.size(); i++) {
                Array.set(out, i, convert(values.get(i), type.getComponentType()));
            }
            return out;
        }
        if (values.isEmpty()) {
            return element.getDefaultValue();
        }
        return convert(values.get(0), type);
    }

    /** A property value as a list: a scalar, an array (also primitive) or a collection. */
    private static List<Object> values(Object value) {
        List<Object> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> many) {
            out.addAll(many);
        } else {
            out.add(value);
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Class<?> type) {
        if (type == String.class) {
            return String.valueOf(value);
        }
        if (type == boolean.class) {
            return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value).trim());
        }
        if (type == int.class) {
            return value instanceof Number n ? n.intValue() : (int) parseLong(String.valueOf(value));
        }
        if (type == long.class) {
            return value instanceof Number n ? n.longValue() : parseLong(String.valueOf(value));
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, String.valueOf(value).trim());
        }
        throw new IllegalArgumentException("property type element of " + type + " is not supported");
    }

    /** Decimal, or hexadecimal after {@code 0x} (request codes are written that way). */
    private static long parseLong(String text) {
        String s = text.trim();
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
