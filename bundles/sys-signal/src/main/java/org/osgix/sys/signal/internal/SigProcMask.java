package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** rt_sigprocmask(how, set, oset, sigsetsize) and rt_sigpending(set, sigsetsize). */
final class SigProcMask {
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    private SigProcMask() {
    }

    static long handle(SyscallContext call) {
        int how = call.intArg(0);
        long set = call.arg1();
        long oset = call.arg2();
        if (call.arg3() != Signals.SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        long requested = 0;
        if (set != 0) {
            if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) {
                return -Errno.EINVAL;
            }
            requested = mem.readLong(set);
        }
        if (oset != 0 && !mem.isAccessible(oset, 8, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        SignalState state = call.process().state(SignalState.class, SignalState::new);
        int tid = call.thread().tid();
        long old;
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(tid);
            old = t.blocked;
            if (set != 0) {
                long next = switch (how) {
                    case SIG_BLOCK -> old | requested;
                    case SIG_UNBLOCK -> old & ~requested;
                    default -> requested;
                };
                t.blocked = next & ~Signals.UNBLOCKABLE;
            }
        }
        if (oset != 0) {
            mem.writeLong(oset, old);
        }
        if (set != 0) {
            Delivery.releaseUnblocked(call.thread());
        }
        return 0;
    }

    static long pending(SyscallContext call) {
        if (Long.compareUnsigned(call.arg1(), Signals.SIGSET_SIZE) > 0) { // a size_t: "negative" is huge
            return -Errno.EINVAL;
        }
        SignalState state = call.process().state(SignalState.class, SignalState::new);
        long pending;
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(call.thread().tid());
            pending = (t.pending.mask | state.processPending.mask) & t.blocked;
        }
        byte[] bytes = new byte[call.intArg(1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (pending >>> (8 * i));
        }
        call.memory().write(call.arg0(), bytes, 0, bytes.length);
        return 0;
    }
}
