package org.osgix.sys.signal.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The signal family: dispositions, masks, alternate stacks, sending (kill, tgkill, queued
 * signals, interval timers), waiting (pause, sigsuspend, sigtimedwait), signalfds and rt_sigreturn. The
 * frames themselves are built by {@link Deliverer}, which the kernel calls.
 */
@Component
public final class SignalFamily {
    private static final String ONLY_THIS_PROCESS = "only this process";
    private static final String KILL_NOTE = "other guest processes through their runtimes; -1: this session's "
            + "processes; SIGCONT to another process does not run its handler";
    private final SyscallRegistrations registrations;
    private final ScheduledExecutorService clock;

    @Activate
    public SignalFamily(BundleContext context, @Reference Host host) {
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osgix-itimers");
            t.setDaemon(true);
            return t;
        });
        Kill kill = new Kill(host);
        ITimers timers = new ITimers(clock);
        PosixTimers posix = new PosixTimers(clock);
        SignalFds signalFds = new SignalFds(host);
        String signalFdNote = "readable when a signal of the mask is pending for any thread of the process (Linux: the"
                + " polling thread or the process); readv is EINVAL";
        String clocks = "CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME; CPU-time clocks are EINVAL";
        registrations = new SyscallRegistrations(context, "sys-signal")
                .fullNonBlocking("rt_sigaction", SigAction::handle)
                .fullNonBlocking("rt_sigprocmask", SigProcMask::handle)
                .fullNonBlocking("rt_sigpending", SigProcMask::pending)
                .fullNonBlocking("sigaltstack", SigAltStack::handle)
                .full("rt_sigreturn", Waits::sigreturn)
                .full("restart_syscall", Waits::restartSyscall)
                .full("pause", Waits::pause)
                .full("rt_sigsuspend", Waits::sigsuspend)
                .full("rt_sigtimedwait", Waits::sigtimedwait)
                .partial("kill", KILL_NOTE, kill::kill)
                .full("tgkill", kill::tgkill)
                .full("tkill", kill::tkill)
                .partial("rt_sigqueueinfo", ONLY_THIS_PROCESS, kill::sigqueueinfo)
                .partial("rt_tgsigqueueinfo", ONLY_THIS_PROCESS, kill::tgsigqueueinfo)
                .full("alarm", timers::alarm)
                .partial("setitimer", "ITIMER_VIRTUAL and ITIMER_PROF count the emulator's CPU time", timers::setitimer)
                .partial("getitimer", "ITIMER_VIRTUAL and ITIMER_PROF count the emulator's CPU time", timers::getitimer)
                .partialNonBlocking("timer_create", clocks, posix::create)
                .fullNonBlocking("timer_settime", posix::settime)
                .fullNonBlocking("timer_gettime", posix::gettime)
                .partialNonBlocking("timer_getoverrun", "overruns are counted up to when the signal is queued, not delivered",
                        posix::getoverrun)
                .fullNonBlocking("timer_delete", posix::delete)
                .partialNonBlocking("signalfd", signalFdNote, signalFds::signalfd)
                .partialNonBlocking("signalfd4", signalFdNote, signalFds::signalfd4);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
        clock.shutdownNow();
    }
}
