package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;

/**
 * prctl(option, arg2, arg3, arg4, arg5) for the options programs use, checked as kernel/sys.c
 * checks them; any other option is EINVAL, as Linux answers an unknown one. What describes the
 * guest lives here (thread names, the parent-death signal, dumpable, the subreaper flag); what
 * belongs to the host thread that runs the guest thread passes through to it (timer slack,
 * keepcaps, no_new_privs, the bounding set, the seccomp mode), as capget/capset do.
 */
final class Prctl {
    static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
        PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_GET_SECCOMP = 21,
        PR_CAPBSET_READ = 23, PR_SET_TIMERSLACK = 29, PR_GET_TIMERSLACK = 30, PR_SET_CHILD_SUBREAPER = 36,
        PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;
    static final String NOTE = "names, parent-death signal, dumpable and subreaper flag are the guest's; timer "
        + "slack, keepcaps, no_new_privs, bounding set and seccomp mode are the host thread's; PR_SET_VMA is "
        + "EINVAL (a kernel without CONFIG_ANON_VMA_NAME); other options EINVAL";
    /** TASK_COMM_LEN: PR_GET_NAME always stores 16 bytes, the name cut to 15 and NUL-padded. */
    static final int COMM_LEN = 16;

    /** Per-process prctl state (the parent-death signal is the kernel's: it watches the parent). */
    static final class State {
        volatile boolean subreaper;
        /** PR_SET_DUMPABLE's value and the image it was set for: execve (a new address space) resets it. */
        int dumpable = 1;
        AddressSpace dumpableImage;
    }

    private final Host host;

    Prctl(Host host) {
        this.host = host;
    }

    static State state(SyscallContext call) {
        return call.process().state(State.class, State::new);
    }

    long prctl(SyscallContext call) {
        int option = call.intArg(0);
        long arg2 = call.arg(1);
        return switch (option) {
            case PR_SET_NAME -> setName(call, arg2);
            case PR_GET_NAME -> getName(call, arg2);
            case PR_SET_PDEATHSIG -> {
                if (Long.compareUnsigned(arg2, SignalNumbers.NSIG) > 0) {
                    yield -Errno.EINVAL;
                }
                call.process().setParentDeathSignal((int) arg2);
                yield 0;
            }
            case PR_GET_PDEATHSIG -> putInt(call, arg2, call.process().parentDeathSignal());
            case PR_GET_DUMPABLE -> dumpable(call);
            case PR_SET_DUMPABLE -> setDumpable(call, arg2);
            case PR_SET_CHILD_SUBREAPER -> setSubreaper(call, arg2 != 0);
            case PR_GET_CHILD_SUBREAPER -> putInt(call, arg2, state(call).subreaper ? 1 : 0);
            case PR_SET_NO_NEW_PRIVS -> arg2 != 1 || unusedArgs(call, 2) ? -Errno.EINVAL
                : host.prctl(PR_SET_NO_NEW_PRIVS, 1);
            case PR_GET_NO_NEW_PRIVS -> arg2 != 0 || unusedArgs(call, 2) ? -Errno.EINVAL
                : host.prctl(PR_GET_NO_NEW_PRIVS, 0);
            case PR_GET_KEEPCAPS, PR_SET_KEEPCAPS, PR_CAPBSET_READ, PR_GET_SECCOMP, PR_GET_TIMERSLACK,
                PR_SET_TIMERSLACK -> host.prctl(option, arg2);
            default -> -Errno.EINVAL;
        };
    }

    /** True when one of arguments {@code from}..4 is not 0 (options that insist on them being 0). */
    private static boolean unusedArgs(SyscallContext call, int from) {
        for (int i = from; i <= 4; i++) {
            if (call.arg(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Up to 15 bytes up to a NUL, as strncpy_from_user reads them: a fault before the NUL is EFAULT. */
    private static long setName(SyscallContext call, long addr) {
        GuestMemory memory = call.memory();
        byte[] name = new byte[COMM_LEN - 1];
        int length = 0;
        while (length < name.length) {
            byte b = memory.readByte(addr + length);
            if (b == 0) {
                break;
            }
            name[length++] = b;
        }
        call.thread().setName(java.util.Arrays.copyOf(name, length));
        return 0;
    }

    private static long getName(SyscallContext call, long addr) {
        byte[] name = call.thread().name();
        if (name == null) {
            name = call.process().commandName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] comm = new byte[COMM_LEN];
        System.arraycopy(name, 0, comm, 0, Math.min(name.length, COMM_LEN - 1));
        call.memory().write(addr, comm, 0, COMM_LEN);
        return 0;
    }

    private static long dumpable(SyscallContext call) {
        State state = state(call);
        synchronized (state) {
            return state.dumpableImage == call.process().memory() ? state.dumpable : 1;
        }
    }

    /** Only SUID_DUMP_DISABLE (0) and SUID_DUMP_USER (1) may be set. */
    private static long setDumpable(SyscallContext call, long value) {
        if (value != 0 && value != 1) {
            return -Errno.EINVAL;
        }
        State state = state(call);
        synchronized (state) {
            state.dumpable = (int) value;
            state.dumpableImage = call.process().memory();
        }
        return 0;
    }

    /**
     * The guest's flag; setting it also makes the runtime a host subreaper (orphans are runtimes).
     * Clearing it leaves the host flag alone: the first runtime must stay a subreaper.
     */
    private long setSubreaper(SyscallContext call, boolean on) {
        state(call).subreaper = on;
        return on ? Math.min(0, host.prctl(PR_SET_CHILD_SUBREAPER, 1)) : 0;
    }

    private static long putInt(SyscallContext call, long addr, int value) {
        call.memory().writeInt(addr, value);
        return 0;
    }
}
