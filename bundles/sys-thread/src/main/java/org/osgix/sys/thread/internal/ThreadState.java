package org.osgix.sys.thread.internal;

import org.osgix.syscall.GuestThread;

/**
 * What the thread family keeps per guest thread, in the thread's state slot: the clear-child-tid
 * word (set_tid_address, CLONE_CHILD_CLEARTID) and the robust futex list (set_robust_list).
 */
final class ThreadState {
    private volatile long clearChildTid;
    private volatile long robustListHead;
    private volatile long robustListLength;

    /** The state of {@code thread}, made on first use. */
    static ThreadState of(GuestThread thread) {
        return thread.state(ThreadState.class, ThreadState::new);
    }

    /** The address set by set_tid_address / CLONE_CHILD_CLEARTID (0 if none). */
    long clearChildTid() {
        return clearChildTid;
    }

    void setClearChildTid(long addr) {
        clearChildTid = addr;
    }

    /** The robust futex list head set by set_robust_list (0 if none). */
    long robustListHead() {
        return robustListHead;
    }

    long robustListLength() {
        return robustListLength;
    }

    void setRobustList(long head, long len) {
        robustListHead = head;
        robustListLength = len;
    }
}
