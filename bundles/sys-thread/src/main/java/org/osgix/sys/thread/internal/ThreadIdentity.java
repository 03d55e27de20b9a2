package org.osgix.sys.thread.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * gettid, and the words a thread registers for its exit: set_tid_address (the clear-child-tid
 * word) and set_robust_list / get_robust_list.
 */
final class ThreadIdentity {
    static final String GET_ROBUST_LIST_NOTE = "only the calling thread's list (pid 0 or its own tid)";

    long gettid(SyscallContext call) {
        return call.thread().tid();
    }

    long setTidAddress(SyscallContext call) {
        GuestThread thread = call.thread();
        thread.setClearChildTid(call.arg0());
        return thread.tid();
    }

    /** set_robust_list(head, len): the head is not checked until the thread exits. */
    long setRobustList(SyscallContext call) {
        if (call.arg1() != RobustList.HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        call.thread().setRobustList(call.arg0(), call.arg1());
        return 0;
    }

    /** get_robust_list(pid, head_ptr, len_ptr): Linux stores the length first. */
    long getRobustList(SyscallContext call) {
        GuestThread thread = call.thread();
        int pid = (int) call.arg0();
        if (pid != 0 && pid != thread.tid()) {
            return -Errno.ESRCH; // other threads are not reachable through the API
        }
        call.memory().writeLong(call.arg2(), RobustList.HEAD_SIZE);
        call.memory().writeLong(call.arg1(), thread.robustListHead());
        return 0;
    }
}
