package org.osgix.kernel.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.osgix.arch.SyscallTable;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.SyscallInterceptor;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.RankedServices;

/**
 * Maps a trapped syscall number to the winning handler: number → name through the arch table,
 * name → the highest-ranked {@link SyscallHandler} service. The per-number array is rebuilt only
 * when the whiteboard changes, so the hot path is one array read.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** One registered handler service, for one of its names. */
    record Registration(SyscallHandler handler, String name, String bundle, String family, String support,
            String note, boolean nonBlocking) {
    }

    private final SyscallTable table;
    private final String[] names;
    private final Map<String, RankedServices<Registration>> byName = new HashMap<>();
    /** Per number, the winning handler (null: ENOSYS); replaced whole on every change. */
    private volatile Entry[] entries;

    /** A winning handler and whether it never waits ({@link SyscallHandler#NON_BLOCKING}). */
    record Entry(SyscallHandler handler, boolean nonBlocking) {
    }
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();
    /** Calls whose handler threw (the safety net caught a bug); tests assert it stays zero. */
    private final LongAdder failures = new LongAdder();

    Dispatcher(SyscallTable table) {
        this.table = table;
        this.names = new String[table.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = table.name(i);
        }
        this.entries = new Entry[names.length];
    }

    synchronized void add(Ranked<Registration> r) {
        String name = r.service().name();
        byName.computeIfAbsent(name, n -> new RankedServices<>()).add(r);
        publish(name);
    }

    synchronized void remove(SyscallHandler handler) {
        for (Map.Entry<String, RankedServices<Registration>> e : byName.entrySet()) {
            if (e.getValue().removeIf(r -> r.service().handler() == handler)) {
                publish(e.getKey());
            }
        }
    }

    private void publish(String name) {
        int nr = table.number(name);
        if (nr < 0 || nr >= names.length) {
            return; // a name this architecture does not have (e.g. an aarch64-only syscall)
        }
        RankedServices<Registration> regs = byName.get(name);
        Registration best = regs == null ? null : regs.best();
        Entry[] next = entries.clone();
        next[nr] = best == null ? null : new Entry(best.handler(), best.nonBlocking());
        entries = next;
    }

    /** The current winner for syscall {@code nr}, or null (ENOSYS or a number out of range). */
    Entry entry(long nr) {
        Entry[] current = entries;
        return nr >= 0 && nr < current.length ? current[(int) nr] : null;
    }

    /** The winning registration per name (for the support table). */
    synchronized Map<String, Registration> winners() {
        Map<String, Registration> out = new HashMap<>();
        byName.forEach((n, regs) -> {
            if (regs.best() != null) {
                out.put(n, regs.best());
            }
        });
        return out;
    }

    /** The support table: one row per syscall number of the architecture. */
    java.util.List<org.osgix.syscall.SyscallSupport.Row> table() {
        Map<String, Registration> win = winners();
        java.util.List<org.osgix.syscall.SyscallSupport.Row> rows = new java.util.ArrayList<>();
        for (int nr = 0; nr < names.length; nr++) {
            if (names[nr] == null) {
                continue;
            }
            Registration r = win.get(names[nr]);
            rows.add(r == null ? new SupportRow(nr, names[nr], null, null, "enosys", null)
                    : new SupportRow(nr, names[nr], r.bundle(), r.family(), r.support(), r.note()));
        }
        return rows;
    }

    /** The number of a syscall name on this architecture, or -1. */
    int number(String name) {
        return table.number(name);
    }

    String name(int nr) {
        return nr >= 0 && nr < names.length ? names[nr] : null;
    }

    /** Serves the call described by {@code frame}; returns the Linux result. */
    long dispatch(CallFrame frame) {
        return dispatch(frame, entry(frame.number));
    }

    /** Serves the call with the winner the caller already looked up (one consistent choice). */
    long dispatch(CallFrame frame, Entry entry) {
        int nr = frame.number;
        SyscallHandler h = entry == null ? null : entry.handler();
        frame.name = nr >= 0 && nr < names.length ? names[nr] : null;
        long result;
        SyscallInterceptor[] interceptors = frame.processImpl().interceptors();
        for (SyscallInterceptor i : interceptors) {
            i.before(frame);
        }
        if (h == null) {
            result = -Errno.ENOSYS;
            reportMissing(nr, frame.name);
        } else {
            try {
                result = h.handle(frame);
            } catch (GuestFault fault) {
                result = -Errno.EFAULT;
            } catch (RuntimeException | StackOverflowError bug) {
                failures.increment();
                LOG.log(System.Logger.Level.ERROR, "handler of " + frame.name + " failed", bug);
                result = -Errno.EIO;
            }
        }
        for (int i = interceptors.length - 1; i >= 0; i--) {
            interceptors[i].after(frame, result);
        }
        return result;
    }

    private void reportMissing(int nr, String name) {
        String key = name != null ? name : "#" + nr;
        if (reportedMissing.add(key)) {
            LOG.log(System.Logger.Level.DEBUG, "syscall {0} is not implemented: ENOSYS", key);
        }
    }

    /** How many calls reached the safety net so far. */
    long failures() {
        return failures.sum();
    }

    /** Names that returned ENOSYS so far. */
    Set<String> missing() {
        return Set.copyOf(reportedMissing);
    }
}
