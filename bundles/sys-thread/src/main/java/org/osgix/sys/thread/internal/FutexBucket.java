package org.osgix.sys.thread.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A hash bucket of a process's futex table: a lock and a FIFO queue of the waiters whose address
 * hashes here. Every method except {@link #lock} requires the lock to be held.
 */
final class FutexBucket {
    final ReentrantLock lock = new ReentrantLock();
    private FutexWaiter head;
    private FutexWaiter tail;

    FutexWaiter first() {
        return head;
    }

    void append(FutexWaiter waiter) {
        waiter.previous = tail;
        waiter.next = null;
        if (tail == null) {
            head = waiter;
        } else {
            tail.next = waiter;
        }
        tail = waiter;
        waiter.bucket = this;
        waiter.queued = true;
    }

    void remove(FutexWaiter waiter) {
        if (waiter.previous == null) {
            head = waiter.next;
        } else {
            waiter.previous.next = waiter.next;
        }
        if (waiter.next == null) {
            tail = waiter.previous;
        } else {
            waiter.next.previous = waiter.previous;
        }
        waiter.previous = null;
        waiter.next = null;
        waiter.queued = false;
    }
}
