package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallInterceptor;
import org.osgix.syscall.support.RankedServices;

/** The registered interceptors, best-ranked first; a process takes the ones that attach to it. */
final class Interceptors {
    private static final SyscallInterceptor[] NONE = new SyscallInterceptor[0];
    private final RankedServices<SyscallInterceptor> ranked = new RankedServices<>();

    /** An interceptor service with its properties (its {@code service.ranking} orders it). */
    void add(SyscallInterceptor interceptor, Map<String, ?> properties) {
        ranked.add(interceptor, properties);
    }

    void remove(SyscallInterceptor interceptor) {
        ranked.remove(interceptor);
    }

    SyscallInterceptor[] attachTo(GuestProcess process) {
        List<SyscallInterceptor> attached = new ArrayList<>();
        for (SyscallInterceptor i : ranked.services()) {
            if (i.attach(process)) {
                attached.add(i);
            }
        }
        return attached.isEmpty() ? NONE : attached.toArray(NONE);
    }
}
