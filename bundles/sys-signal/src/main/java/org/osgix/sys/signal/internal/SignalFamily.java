package org.osgix.sys.signal.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The signal family: dispositions, masks, alternate stacks and signals a process sends itself.
 * Default actions are exact; running guest handlers (signal frames, rt_sigreturn) is not built
 * yet, which the support table says.
 */
@Component
public final class SignalFamily {
    static final String NO_HANDLERS = "guest handlers are recorded but not run yet";
    private final SyscallRegistrations registrations;

    @Activate
    public SignalFamily(BundleContext context) {
        registrations = new SyscallRegistrations(context, "sys-signal")
                .fullNonBlocking("rt_sigaction", SigAction::handle)
                .fullNonBlocking("rt_sigprocmask", SigProcMask::handle)
                .fullNonBlocking("rt_sigpending", SigProcMask::pending)
                .fullNonBlocking("sigaltstack", SigAltStack::handle)
                .partial("kill", NO_HANDLERS + "; only this process", Kill::kill)
                .partial("tgkill", NO_HANDLERS, Kill::tgkill)
                .partial("tkill", NO_HANDLERS, Kill::tkill);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
