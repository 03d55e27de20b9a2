package org.osgix.sys.mm.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * membarrier. Guest instructions run one thread at a time and every switch of the CPU between
 * threads is a lock hand-off, so once this call runs every other thread's earlier stores are
 * visible: each barrier is a full fence. The private commands still demand registration.
 */
final class Membarrier {
    static final int QUERY = 0, GLOBAL = 1, GLOBAL_EXPEDITED = 2, REGISTER_GLOBAL_EXPEDITED = 4,
        PRIVATE_EXPEDITED = 8, REGISTER_PRIVATE_EXPEDITED = 16, PRIVATE_EXPEDITED_SYNC_CORE = 32,
        REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64, PRIVATE_EXPEDITED_RSEQ = 128,
        REGISTER_PRIVATE_EXPEDITED_RSEQ = 256, GET_REGISTRATIONS = 512;
    static final int FLAG_CPU = 1;
    static final int SUPPORTED = GLOBAL | GLOBAL_EXPEDITED | REGISTER_GLOBAL_EXPEDITED | PRIVATE_EXPEDITED
        | REGISTER_PRIVATE_EXPEDITED | PRIVATE_EXPEDITED_SYNC_CORE | REGISTER_PRIVATE_EXPEDITED_SYNC_CORE
        | PRIVATE_EXPEDITED_RSEQ | REGISTER_PRIVATE_EXPEDITED_RSEQ | GET_REGISTRATIONS;

    /** The REGISTER_* commands a process has issued. */
    static final class Registrations {
        final AtomicInteger commands = new AtomicInteger();
    }

    /** membarrier(cmd, flags, cpu_id). */
    long membarrier(SyscallContext call) {
        int command = call.intArg(0);
        int flags = call.intArg(1);
        int allowedFlags = command == PRIVATE_EXPEDITED_RSEQ ? FLAG_CPU : 0;
        if ((flags & ~allowedFlags) != 0) {
            return -Errno.EINVAL;
        }
        Registrations registrations = call.process().state(Registrations.class, Registrations::new);
        return switch (command) {
            case QUERY -> SUPPORTED;
            case GLOBAL, GLOBAL_EXPEDITED -> barrier();
            case REGISTER_GLOBAL_EXPEDITED, REGISTER_PRIVATE_EXPEDITED, REGISTER_PRIVATE_EXPEDITED_SYNC_CORE,
                REGISTER_PRIVATE_EXPEDITED_RSEQ -> {
                registrations.commands.getAndUpdate(registered -> registered | command);
                yield 0;
            }
            case PRIVATE_EXPEDITED, PRIVATE_EXPEDITED_SYNC_CORE, PRIVATE_EXPEDITED_RSEQ ->
                (registrations.commands.get() & command << 1) != 0 ? barrier() : -Errno.EPERM;
            case GET_REGISTRATIONS -> registrations.commands.get();
            default -> -Errno.EINVAL;
        };
    }

    private static long barrier() {
        VarHandle.fullFence();
        return 0;
    }
}
