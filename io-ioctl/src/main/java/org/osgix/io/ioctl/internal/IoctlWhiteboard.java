package org.osgix.io.ioctl.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.RankedServices;

/**
 * The ioctl-handler services currently registered, and the lookup table built from them. The
 * table is rebuilt on every change (rare) and published through a volatile field, so a lookup
 * takes no lock.
 */
final class IoctlWhiteboard {
    private static final FileKind[] KINDS = FileKind.values();

    private final RankedServices<HandlerEntry> entries = new RankedServices<>();
    private volatile RequestTable table = RequestTable.EMPTY;

    /** The handler for {@code request} on a descriptor of {@code kind}, or null (ENOTTY). */
    IoctlHandler lookup(long request, FileKind kind) {
        return table.lookup(request, kind);
    }

    /** A service arrived. Returns false (and ignores it) when its properties are malformed. */
    synchronized boolean add(IoctlHandler handler, Map<String, ?> properties) {
        Ranked<HandlerEntry> entry;
        try {
            entry = HandlerEntry.of(handler, properties);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        entries.add(entry);
        rebuild();
        return true;
    }

    /** A service went away (matched by service id, or by the handler object without one). */
    synchronized void remove(IoctlHandler handler, Map<String, ?> properties) {
        if (entries.removeIf(e -> sameService(e, handler, properties))) {
            rebuild();
        }
    }

    /** A service's properties changed (request codes, kinds or ranking). */
    synchronized void modified(IoctlHandler handler, Map<String, ?> properties) {
        entries.removeIf(e -> sameService(e, handler, properties));
        if (!add(handler, properties)) {
            rebuild();
        }
    }

    private static boolean sameService(Ranked<HandlerEntry> entry, IoctlHandler handler, Map<String, ?> properties) {
        long id = Ranked.serviceId(properties);
        return id != Ranked.NO_ID ? entry.serviceId() == id : entry.service().handler() == handler;
    }

    /** For each request code and kind, the best entry serving it. */
    private void rebuild() {
        Map<Long, IoctlHandler[]> byRequest = new HashMap<>();
        for (HandlerEntry entry : entries.services()) {
            for (long request : entry.requests()) {
                IoctlHandler[] perKind = byRequest.computeIfAbsent(request, r -> new IoctlHandler[KINDS.length]);
                for (FileKind kind : entry.kinds()) {
                    if (perKind[kind.ordinal()] == null) {
                        perKind[kind.ordinal()] = entry.handler();
                    }
                }
            }
        }
        table = new RequestTable(byRequest);
    }
}
