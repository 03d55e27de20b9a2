package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallInterceptor;

/** The registered interceptors, best-ranked first; a process takes the ones that attach to it. */
final class Interceptors {
    private record Entry(SyscallInterceptor interceptor, int ranking, long serviceId) {
    }

    private static final SyscallInterceptor[] NONE = new SyscallInterceptor[0];
    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(SyscallInterceptor interceptor, int ranking, long serviceId) {
        entries.add(new Entry(interceptor, ranking, serviceId));
        entries.sort(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId));
    }

    synchronized void remove(SyscallInterceptor interceptor) {
        entries.removeIf(e -> e.interceptor() == interceptor);
    }

    synchronized SyscallInterceptor[] attachTo(GuestProcess process) {
        List<SyscallInterceptor> attached = new ArrayList<>();
        for (Entry e : entries) {
            if (e.interceptor().attach(process)) {
                attached.add(e.interceptor());
            }
        }
        return attached.isEmpty() ? NONE : attached.toArray(NONE);
    }
}
