package org.osgix.io.ioctl.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.IoctlHandler;

/**
 * One ioctl-handler service as the whiteboard ranks it: its request codes, the kinds it serves,
 * and its ranking and service id, read from the service properties.
 */
record HandlerEntry(IoctlHandler handler, long[] requests, Set<FileKind> kinds, int ranking, long serviceId)
        implements Comparable<HandlerEntry> {
    static final String RANKING = "service.ranking", ID = "service.id";

    /**
     * Reads the properties; throws IllegalArgumentException when the request codes or kinds are
     * missing or malformed (the whiteboard then ignores the service).
     */
    static HandlerEntry of(IoctlHandler handler, Map<String, ?> props) {
        List<Object> codes = values(props.get(IoctlHandler.REQUEST));
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("no " + IoctlHandler.REQUEST + " property");
        }
        long[] requests = new long[codes.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = requestCode(codes.get(i)) & 0xffffffffL;
        }
        Set<FileKind> kinds = EnumSet.allOf(FileKind.class);
        List<Object> kindNames = values(props.get(IoctlHandler.KIND));
        if (!kindNames.isEmpty()) {
            kinds = EnumSet.noneOf(FileKind.class);
            for (Object name : kindNames) {
                kinds.add(FileKind.valueOf(String.valueOf(name).trim()));
            }
        }
        Object ranking = props.get(RANKING);
        Object id = props.get(ID);
        return new HandlerEntry(handler, requests, kinds, ranking instanceof Integer r ? r : 0,
                id instanceof Number n ? n.longValue() : Long.MAX_VALUE);
    }

    /** A property value as a list: a scalar, an array (also primitive) or a collection. */
    private static List<Object> values(Object value) {
        List<Object> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof Iterable<?> many) {
            many.forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }

    private static long requestCode(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String s = String.valueOf(value).trim();
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** Better first: higher ranking, then lower service id (the OSGi service order). */
    @Override
    public int compareTo(HandlerEntry other) {
        if (ranking != other.ranking) {
            return Integer.compare(other.ranking, ranking);
        }
        return Long.compare(serviceId, other.serviceId);
    }
}
