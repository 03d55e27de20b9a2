package org.osgix.sys.thread.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * gettid, and the words a thread registers for its exit: set_tid_address (the clear-child-tid
 * word) and set_robust_list / get_robust_list.
 */
final class ThreadIdentity {
    static final String GET_ROBUST_LIST_NOTE = "the threads of the calling process (no other processes)";

    long gettid(SyscallContext call) {
        return call.thread().tid();
    }

    long setTidAddress(SyscallContext call) {
        GuestThread thread = call.thread();
        ThreadState.of(thread).setClearChildTid(call.arg0());
        return thread.tid();
    }

    /** set_robust_list(head, len): the head is not checked until the thread exits. */
    long setRobustList(SyscallContext call) {
        if (call.arg1() != RobustList.HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        ThreadState.of(call.thread()).setRobustList(call.arg0(), call.arg1());
        return 0;
    }

    /** get_robust_list(pid, head_ptr, len_ptr): Linux stores the length first. */
    long getRobustList(SyscallContext call) {
        int pid = call.intArg(0);
        // any thread of this process (Linux's ptrace check always allows the caller's own threads)
        GuestThread thread = pid == 0 ? call.thread() : call.process().thread(pid);
        if (thread == null) {
            return -Errno.ESRCH;
        }
        call.memory().writeLong(call.arg2(), RobustList.HEAD_SIZE);
        call.memory().writeLong(call.arg1(), ThreadState.of(thread).robustListHead());
        return 0;
    }
}
