package org.osgix.arch.x86_64.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/**
 * {@code arch_prctl(int option, unsigned long arg)}, answering as Linux 6.x does on a CPU like
 * the emulated one: no XSAVE state beyond x87/SSE, no CPUID faulting, no user shadow stacks
 * (their codes answer EINVAL, as with CONFIG_X86_USER_SHADOW_STACK off), no vDSO to map.
 * Stateless, so safe for concurrent calls.
 */
final class ArchPrctl implements SyscallHandler {
    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003,
        ARCH_GET_GS = 0x1004, ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012,
        ARCH_GET_XCOMP_SUPP = 0x1021, ARCH_GET_XCOMP_PERM = 0x1022,
        ARCH_REQ_XCOMP_PERM = 0x1023, ARCH_GET_XCOMP_GUEST_PERM = 0x1024,
        ARCH_REQ_XCOMP_GUEST_PERM = 0x1025;
    /** Highest user address + 1 with 4-level paging: FS/GS bases at or above it are refused. */
    static final long TASK_SIZE_MAX = 0x7fff_ffff_f000L;
    /** The xstate components of a CPU without XSAVE: x87 and SSE. */
    static final long XFEATURES_FP_SSE = 0x3;
    /** Linux's XFEATURE_MAX (6.x): larger component indexes are EINVAL, smaller EOPNOTSUPP. */
    static final long XFEATURE_MAX = 20;

    @Override
    public long handle(SyscallContext call) {
        int option = call.intArg(0); // the kernel declares it int
        long arg = call.arg1();
        GuestThread thread = call.thread();
        switch (option) {
            case ARCH_SET_FS:
                return setBase(thread, CpuRegister.TLS, arg);
            case ARCH_SET_GS:
                return setBase(thread, CpuRegister.X86_GS_BASE, arg);
            case ARCH_GET_FS:
                return put(call, arg, thread.register(CpuRegister.TLS));
            case ARCH_GET_GS:
                return put(call, arg, thread.register(CpuRegister.X86_GS_BASE));
            case ARCH_GET_CPUID:
                return 1; // CPUID is enabled
            case ARCH_SET_CPUID:
                return -Errno.ENODEV; // no CPUID faulting
            case ARCH_GET_XCOMP_SUPP:
            case ARCH_GET_XCOMP_PERM:
            case ARCH_GET_XCOMP_GUEST_PERM:
                return put(call, arg, XFEATURES_FP_SSE);
            case ARCH_REQ_XCOMP_PERM:
            case ARCH_REQ_XCOMP_GUEST_PERM:
                // only dynamically enabled components (AMX) need a request; none exist here
                return Long.compareUnsigned(arg, XFEATURE_MAX) >= 0 ? -Errno.EINVAL
                    : -Errno.EOPNOTSUPP;
            default:
                return -Errno.EINVAL;
        }
    }

    private static long setBase(GuestThread thread, CpuRegister reg, long base) {
        if (Long.compareUnsigned(base, TASK_SIZE_MAX) >= 0) {
            return -Errno.EPERM;
        }
        thread.setRegister(reg, base);
        return 0;
    }

    private static long put(SyscallContext call, long addr, long value) {
        try {
            call.memory().writeLong(addr, value);
            return 0;
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }
}
