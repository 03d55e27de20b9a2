package org.osgix.sys.thread.internal;

/**
 * One thread blocked in FUTEX_WAIT: a node of its bucket's queue. The queue fields are guarded
 * by the lock of the bucket the waiter is currently in; {@link #bucket} changes only while both
 * the old and the new bucket are locked (requeue).
 */
final class FutexWaiter {
    final Thread thread;
    final int bitset;
    /** The guest address waited on (changes on requeue). */
    long address;
    /** The bucket whose queue holds this waiter. */
    volatile FutexBucket bucket;
    FutexWaiter previous;
    FutexWaiter next;
    /** In a queue; false once a waker (or the waiter itself) took it out. */
    boolean queued;
    /** Link in a waker's private list of waiters to unpark once the bucket is unlocked. */
    FutexWaiter nextToWake;
    /** Set by the waker after dequeuing: the only reason a wait returns 0. */
    volatile boolean woken;

    FutexWaiter(Thread thread, long address, int bitset) {
        this.thread = thread;
        this.address = address;
        this.bitset = bitset;
    }
}
