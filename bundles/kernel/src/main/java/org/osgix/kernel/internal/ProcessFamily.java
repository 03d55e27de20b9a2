package org.osgix.kernel.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The process family: the calls that need the kernel's process objects (child runtimes):
 * wait4, waitid, pidfd_open and pidfd_send_signal. (A vfork child's execve reaches {@link ExecHandoff} through
 * {@code GuestProcess.execve}.)
 */
@Component
public final class ProcessFamily {
    static final String FAMILY = "process";
    private final SyscallRegistrations registrations;

    @Activate
    public ProcessFamily(BundleContext context) {
        Waits waits = new Waits();
        PidFds pidfds = new PidFds();
        registrations = new SyscallRegistrations(context, FAMILY)
                .partial("wait4", Waits.WAIT4_NOTE, waits::wait4)
                .partial("waitid", Waits.WAITID_NOTE, waits::waitid)
                .partialNonBlocking("pidfd_open", PidFds.OPEN_NOTE, pidfds::open)
                .partialNonBlocking("pidfd_send_signal", PidFds.SEND_NOTE, pidfds::sendSignal);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
