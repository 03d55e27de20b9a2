package org.osgix.io.ioctl.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.Ioctl;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.ServiceProperties;

/**
 * One ioctl-handler service as the whiteboard ranks it: its request codes and the kinds it
 * serves, read from the service properties through the {@link Ioctl} property type.
 */
record HandlerEntry(IoctlHandler handler, long[] requests, Set<FileKind> kinds) {
    /**
     * Reads the properties; throws IllegalArgumentException when the request codes or kinds are
     * missing or malformed (the whiteboard then ignores the service).
     */
    static Ranked<HandlerEntry> of(IoctlHandler handler, Map<String, ?> props) {
        Ioctl ioctl = ServiceProperties.view(Ioctl.class, props);
        long[] requests = ioctl.request();
        if (requests.length == 0) {
            throw new IllegalArgumentException("no " + IoctlHandler.REQUEST + " property");
        }
        for (int i = 0; i < requests.length; i++) {
            requests[i] &= 0xffffffffL;
        }
        FileKind[] named = ioctl.kind();
        Set<FileKind> kinds = named.length == 0 ? EnumSet.allOf(FileKind.class) : EnumSet.noneOf(FileKind.class);
        for (FileKind kind : named) {
            kinds.add(kind);
        }
        return Ranked.of(new HandlerEntry(handler, requests, kinds), props);
    }
}
