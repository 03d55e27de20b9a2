package org.osgix.sys.thread.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * exit and exit_group. A thread's exit does what Linux's mm_release does for it (the kernel
 * knows nothing of futexes): the robust list, then the clear-child-tid word is zeroed and one
 * waiter on it woken (pthread_join waits there).
 */
final class ThreadExit {
    private final Futex futex;
    private final RobustList robustList;

    ThreadExit(Futex futex) {
        this.futex = futex;
        this.robustList = new RobustList(futex);
    }

    long exit(SyscallContext call) {
        GuestThread thread = call.thread();
        GuestProcess process = call.process();
        GuestMemory memory = call.memory();
        ThreadState state = ThreadState.of(thread);
        robustList.release(process, memory, thread.tid(), state.robustListHead());
        // before the wake: a joiner that wakes asks getrusage at once, and must find this thread's time
        thread.exit(exitStatus(call));
        long clearTid = state.clearChildTid();
        if (clearTid != 0) {
            try {
                memory.writeInt(clearTid, 0);
            } catch (GuestFault ignored) {
                // as Linux: the store's result is not checked, the wake happens anyway
            }
            futex.wake(process, clearTid, 1);
            state.setClearChildTid(0);
        }
        return 0;
    }

    long exitGroup(SyscallContext call) {
        call.process().exitGroup(exitStatus(call));
        return 0;
    }

    /** Linux keeps the low byte of the status. */
    private static int exitStatus(SyscallContext call) {
        return call.intArg(0) & 0xff;
    }
}
