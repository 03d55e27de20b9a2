package org.osgix.sys.signal.internal;

import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgix.arch.SyscallTable;
import org.osgix.engine.CpuRegister;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;

/**
 * Delivers a thread's pending signals at a boundary the kernel reports: takes the lowest
 * deliverable signal, decides about an interrupted syscall (restart or EINTR, per SA_RESTART and
 * Linux's per-syscall rules) and builds the handler's frame, or takes the default action.
 */
@Component
public final class Deliverer implements SignalDelivery {
    private static final long SA_NOCLDWAIT = 2;
    /** Interrupted calls Linux restarts after a handler with SA_RESTART (-ERESTARTSYS). */
    static final Set<String> RESTART_WITH_SA_RESTART = Set.of("read", "readv", "pread64", "preadv", "preadv2",
            "write", "writev", "pwrite64", "pwritev", "pwritev2", "ioctl", "wait4", "waitid", "accept", "accept4",
            "connect", "recvfrom", "recvmsg", "recvmmsg", "sendto", "sendmsg", "sendmmsg", "flock", "fcntl",
            "open", "openat", "openat2", "futex", "splice", "tee", "sendfile", "getrandom", "msgrcv", "mq_timedreceive",
            "mq_timedsend");
    /** Interrupted calls that end with EINTR after any handler but restart when none ran. */
    static final Set<String> RESTART_WITHOUT_HANDLER = Set.of("nanosleep", "clock_nanosleep", "poll", "ppoll",
            "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "pause", "rt_sigsuspend",
            "rt_sigtimedwait", "io_getevents", "semtimedop", "semop", "msgsnd");

    /** Calls that leave a restart block when interrupted (Linux's -ERESTART_RESTARTBLOCK). */
    static final Set<String> RESTART_BLOCK = Set.of("nanosleep", "clock_nanosleep", "futex", "restart_syscall");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SyscallTable syscalls;

    @Override
    public void deliver(GuestThread thread, SyscallContext call, int number, long result) {
        GuestProcess process = thread.process();
        SignalState state = Delivery.state(process);
        SignalState.ThreadSignals t = state.thread(thread.tid());
        boolean interrupted = call != null && result == -Signals.EINTR;
        SigInfo info = null;
        SignalState.Disposition d = null;
        long frameMask = 0;
        synchronized (state) {
            long ready = state.deliverable(t);
            while (ready != 0 && info == null) {
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                ready &= ~Signals.bit(sig);
                info = (t.pending.mask & Signals.bit(sig)) != 0 ? t.pending.take(sig) : state.processPending.take(sig);
                d = state.disposition(sig);
                if (info != null && d.ignores(sig) && !fatal(d, sig)) {
                    info = null; // ignored: dropped, look further
                }
            }
            if (info != null && !fatal(d, info.signo())) {
                // the handler runs under the current mask (a wait's own, if any); the frame
                // keeps the one to return to
                frameMask = t.restoreMask ? t.savedMask : t.blocked;
                t.restoreMask = false;
                t.blocked = (t.blocked | d.mask() | ((d.flags() & Signals.SA_NODEFER) != 0 ? 0 : Signals.bit(info.signo())))
                        & ~Signals.UNBLOCKABLE;
                if ((d.flags() & Signals.SA_RESETHAND) != 0) {
                    state.setDisposition(info.signo(), SignalState.Disposition.DEFAULT);
                }
            } else if (t.restoreMask && info == null) {
                t.blocked = t.savedMask;
                t.restoreMask = false;
            }
        }
        if (info != null && fatal(d, info.signo())) {
            process.killBySignal(info.signo());
            return;
        }
        if (interrupted && RESTART_BLOCK.contains(call.name()) && thread.restartBlock() != null) {
            // a handler makes it EINTR even with SA_RESTART; without one it resumes where it was
            SyscallTable table = syscalls;
            int resume = table == null ? -1 : table.number("restart_syscall");
            if (info == null && resume >= 0) {
                restart(thread, resume);
            } else {
                thread.setRestartBlock(null);
            }
        } else if (interrupted && restarts(call.name(), info == null ? 0 : d.flags(), info != null)) {
            restart(thread, number);
        }
        if (info == null) {
            return;
        }
        if (!Frames.setUp(thread, t, info, d, frameMask)) {
            process.killBySignal(SignalNumbers.SIGSEGV); // Linux's force_sigsegv: the frame cannot be written
            return;
        }
        Delivery.releaseUnblocked(thread); // more pending: nested frames, as Linux builds them
    }

    /** Rewinds over the {@code syscall} instruction so that it runs again as call {@code number}. */
    private static void restart(GuestThread thread, int number) {
        thread.setRegister(CpuRegister.PC, thread.register(CpuRegister.PC) - 2);
        thread.setRegister(CpuRegister.SYSCALL_RESULT, number);
    }

    private static boolean fatal(SignalState.Disposition d, int sig) {
        return d.handler() == Signals.SIG_DFL && Signals.defaultAction(sig) == Signals.DefaultAction.TERMINATE;
    }

    private static boolean restarts(String name, long flags, boolean handler) {
        if (!handler) {
            return RESTART_WITH_SA_RESTART.contains(name) || RESTART_WITHOUT_HANDLER.contains(name);
        }
        return (flags & Signals.SA_RESTART) != 0 && RESTART_WITH_SA_RESTART.contains(name);
    }

    @Override
    public void send(GuestProcess process, int signal) {
        if (Signals.valid(signal)) {
            Delivery.send(process, 0, SigInfo.user(signal, Signals.SI_USER, 0, 0));
        }
    }

    @Override
    public void sendFrom(GuestProcess process, int signal, int code, int pid, int uid, int status) {
        if (Signals.valid(signal)) {
            Delivery.send(process, 0, new SigInfo(signal, 0, code, SigInfo.ids(pid, uid), status & 0xffffffffL));
        }
    }

    @Override
    public long[] execState(GuestThread thread) {
        SignalState state = Delivery.state(thread.process());
        synchronized (state) {
            long ignored = 0;
            for (int sig = 1; sig <= SignalNumbers.NSIG; sig++) {
                if (state.disposition(sig).handler() == Signals.SIG_IGN) {
                    ignored |= Signals.bit(sig);
                }
            }
            return new long[] {ignored, state.thread(thread.tid()).blocked};
        }
    }

    @Override
    public void inheritExecState(GuestProcess process, int tid, long ignored, long blocked) {
        SignalState state = Delivery.state(process);
        synchronized (state) {
            for (int sig = 1; sig <= SignalNumbers.NSIG; sig++) {
                if ((ignored & Signals.bit(sig)) != 0 && !Signals.unblockable(sig)) {
                    state.setDisposition(sig, new SignalState.Disposition(Signals.SIG_IGN, 0, 0, 0));
                }
            }
            state.thread(tid).blocked = blocked & ~Signals.UNBLOCKABLE;
        }
    }

    @Override
    public long[] forkState(GuestThread thread) {
        SignalState state = Delivery.state(thread.process());
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(thread.tid());
            long[] out = new long[4 + 4 * SignalNumbers.NSIG];
            out[0] = t.blocked;
            out[1] = t.altStackSp;
            out[2] = t.altStackFlags;
            out[3] = t.altStackSize;
            for (int sig = 1; sig <= SignalNumbers.NSIG; sig++) {
                SignalState.Disposition d = state.disposition(sig);
                int at = 4 * sig;
                out[at] = d.handler();
                out[at + 1] = d.flags();
                out[at + 2] = d.restorer();
                out[at + 3] = d.mask();
            }
            return out;
        }
    }

    @Override
    public void inheritForkState(GuestProcess process, int tid, long[] in) {
        if (in.length < 4 + 4 * SignalNumbers.NSIG) {
            return;
        }
        SignalState state = Delivery.state(process);
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(tid);
            t.blocked = in[0];
            t.altStackSp = in[1];
            t.altStackFlags = (int) in[2];
            t.altStackSize = in[3];
            for (int sig = 1; sig <= SignalNumbers.NSIG; sig++) {
                int at = 4 * sig;
                state.setDisposition(sig, new SignalState.Disposition(in[at], in[at + 1], in[at + 2], in[at + 3]));
            }
        }
    }

    @Override
    public boolean reapsChildren(GuestProcess process) {
        SignalState.Disposition d = Delivery.state(process).disposition(SignalNumbers.SIGCHLD);
        return d.handler() == Signals.SIG_IGN || (d.flags() & SA_NOCLDWAIT) != 0;
    }

    @Override
    public void raise(GuestThread thread, int signal) {
        if (Signals.valid(signal)) {
            Delivery.send(thread.process(), thread.tid(), SigInfo.user(signal, Signals.SI_USER, thread.process().pid(), 0));
        }
    }

    @Override
    public void beginWaitMask(GuestThread thread, long mask) {
        SignalState state = Delivery.state(thread.process());
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(thread.tid());
            t.savedMask = t.blocked;
            t.restoreMask = true;
            t.blocked = mask & ~Signals.UNBLOCKABLE;
        }
        Delivery.releaseUnblocked(thread);
    }

    @Override
    public void endWaitMask(GuestThread thread, long result) {
        if (result == -Signals.EINTR) {
            return; // the delivery after this call saves the old mask in the frame (or restores it)
        }
        SignalState state = Delivery.state(thread.process());
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(thread.tid());
            if (t.restoreMask) {
                t.blocked = t.savedMask;
                t.restoreMask = false;
            }
        }
        Delivery.releaseUnblocked(thread);
    }

    @Override
    public void threadCreated(GuestThread parent, GuestThread child) {
        SignalState state = Delivery.state(parent.process());
        synchronized (state) {
            state.thread(child.tid()).blocked = state.thread(parent.tid()).blocked;
        }
    }

    @Override
    public void exec(GuestThread thread, int formerTid) {
        Delivery.state(thread.process()).exec(formerTid, thread.tid());
        PosixTimers.deleteAll(thread.process());
    }

    @Override
    public boolean fault(GuestThread thread, int signal, int code, long address) {
        SignalState state = Delivery.state(thread.process());
        SignalState.ThreadSignals t = state.thread(thread.tid());
        SignalState.Disposition d;
        long frameMask;
        synchronized (state) {
            d = state.disposition(signal);
            // a blocked or ignored fault cannot be survived: Linux resets it to the default
            if ((t.blocked & Signals.bit(signal)) != 0 || d.handler() == Signals.SIG_IGN
                    || d.handler() == Signals.SIG_DFL) {
                return false;
            }
            frameMask = t.blocked;
            t.blocked = (frameMask | d.mask() | ((d.flags() & Signals.SA_NODEFER) != 0 ? 0 : Signals.bit(signal)))
                    & ~Signals.UNBLOCKABLE;
            if ((d.flags() & Signals.SA_RESETHAND) != 0) {
                state.setDisposition(signal, SignalState.Disposition.DEFAULT);
            }
        }
        SigInfo info = SigInfo.fault(signal, code, address);
        if (!Frames.setUp(thread, t, info, d, frameMask)) {
            return false;
        }
        return true;
    }
}
