package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** sigaltstack(ss, old_ss) with the 24-byte stack_t {sp, flags, size}. */
final class SigAltStack {
    static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
    static final long MINSIGSTKSZ = 2048;

    private SigAltStack() {
    }

    static long handle(SyscallContext call) {
        long ss = call.arg0();
        long oldSs = call.arg1();
        GuestMemory mem = call.memory();
        long sp = 0;
        int flags = 0;
        long size = 0;
        if (ss != 0) {
            sp = mem.readLong(ss);
            flags = mem.readInt(ss + 8);
            size = mem.readLong(ss + 16);
            int mode = flags & ~SS_AUTODISARM;
            if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) {
                return -Errno.EINVAL;
            }
            if (mode != SS_DISABLE && size < MINSIGSTKSZ) {
                return -Errno.ENOMEM;
            }
        }
        SignalState state = call.process().state(SignalState.class, SignalState::new);
        SignalState.ThreadSignals t = state.thread(call.thread().tid());
        boolean onStack = t.onAltStack(call.thread().register(org.osgix.engine.CpuRegister.SP));
        synchronized (state) {
            if (ss != 0 && onStack) {
                return -Errno.EPERM; // cannot change the stack a handler runs on
            }
            if (oldSs != 0) {
                if (!mem.isAccessible(oldSs, 24, GuestMemory.PROT_WRITE)) {
                    return -Errno.EFAULT;
                }
                mem.writeLong(oldSs, t.altStackSp);
                mem.writeLong(oldSs + 8, (onStack ? SS_ONSTACK : t.altStackFlags) & 0xffffffffL);
                mem.writeLong(oldSs + 16, t.altStackSize);
            }
            if (ss != 0) {
                boolean disable = (flags & ~SS_AUTODISARM) == SS_DISABLE;
                t.altStackSp = disable ? 0 : sp;
                t.altStackSize = disable ? 0 : size;
                t.altStackFlags = disable ? SS_DISABLE : flags & SS_AUTODISARM;
            }
        }
        return 0;
    }
}
