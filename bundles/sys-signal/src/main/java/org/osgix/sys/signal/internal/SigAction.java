package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** rt_sigaction(sig, act, oact, sigsetsize) with the kernel's 32-byte struct sigaction. */
final class SigAction {
    static final int SIZE = 32;

    private SigAction() {
    }

    static long handle(SyscallContext call) {
        int sig = call.intArg(0);
        long act = call.arg1();
        long oact = call.arg2();
        if (call.arg3() != Signals.SIGSET_SIZE || !Signals.valid(sig)
                || (act != 0 && Signals.unblockable(sig))) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        SignalState.Disposition next = null;
        if (act != 0) {
            next = new SignalState.Disposition(mem.readLong(act), mem.readLong(act + 8), mem.readLong(act + 16),
                    mem.readLong(act + 24) & ~Signals.UNBLOCKABLE);
        }
        SignalState state = call.process().state(SignalState.class, SignalState::new);
        SignalState.Disposition old = state.disposition(sig);
        if (oact != 0) {
            if (!mem.isAccessible(oact, SIZE, GuestMemory.PROT_WRITE)) {
                return -Errno.EFAULT;
            }
            mem.writeLong(oact, old.handler());
            mem.writeLong(oact + 8, old.flags());
            mem.writeLong(oact + 16, old.restorer());
            mem.writeLong(oact + 24, old.mask());
        }
        if (next != null) {
            state.setDisposition(sig, next);
            boolean ignored = next.handler() == Signals.SIG_IGN || (next.handler() == Signals.SIG_DFL
                    && Signals.defaultAction(sig) == Signals.DefaultAction.IGNORE);
            if (ignored) {
                state.discardPending(sig); // POSIX: ignoring a signal discards it if pending
            }
        }
        return 0;
    }
}
