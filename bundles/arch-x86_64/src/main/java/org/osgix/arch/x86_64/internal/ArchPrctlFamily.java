package org.osgix.arch.x86_64.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgix.syscall.support.SyscallRegistrations;

/** Registers the x86_64-only syscalls (arch_prctl) as family "arch-x86_64". */
@Component
public final class ArchPrctlFamily {
    static final String FAMILY = "arch-x86_64";

    private final SyscallRegistrations registrations;

    @Activate
    public ArchPrctlFamily(BundleContext context) {
        registrations = new SyscallRegistrations(context, FAMILY)
            .partial("arch_prctl", "ARCH_MAP_VDSO_* unsupported (no vDSO); no CPUID faulting,"
                + " shadow stacks or AMX", new ArchPrctl());
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
