package org.osgix.sys.thread.internal;

import java.util.concurrent.locks.LockSupport;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestThread;

/**
 * A process's futex wait queues, keyed by guest address (one process: private and shared keys
 * coincide). Addresses hash to buckets; each bucket has a lock and a FIFO queue, so a wake-up
 * always goes to the longest waiter. A waker dequeues under the lock and unparks after
 * unlocking, as Linux's wake queues do, so the lock is never held across a host wake-up.
 *
 * <p>No lost wake-ups: a waiter reads the guest word and enqueues under the bucket lock, and a
 * waker (who changed the word before calling) dequeues under the same lock.
 */
final class FutexTable {
    /** The bitset of FUTEX_WAIT and FUTEX_WAKE. */
    static final int MATCH_ANY = -1;

    private static final int BUCKET_BITS = 7;
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final FutexBucket[] buckets = new FutexBucket[1 << BUCKET_BITS];

    FutexTable() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new FutexBucket();
        }
    }

    private int indexOf(long address) {
        return (int) ((address * HASH_MULTIPLIER) >>> (Long.SIZE - BUCKET_BITS));
    }

    /**
     * FUTEX_WAIT: blocks while the guest word at {@code address} holds {@code expected} until a
     * matching wake, the deadline ({@link System#nanoTime()} based, when {@code timed}) or an
     * interruption.
     *
     * @return 0 when woken, {@code -EAGAIN}, {@code -ETIMEDOUT} or {@code -EINTR}
     * @throws org.osgix.syscall.GuestFault when the word is not readable
     */
    int wait(GuestMemory memory, GuestThread guest, long address, int expected, int bitset,
            boolean timed, long deadline) {
        FutexBucket bucket = buckets[indexOf(address)];
        FutexWaiter waiter;
        bucket.lock.lock();
        try {
            if (memory.readInt(address) != expected) {
                return -Errno.EAGAIN;
            }
            waiter = new FutexWaiter(Thread.currentThread(), address, bitset);
            bucket.append(waiter);
        } finally {
            bucket.lock.unlock();
        }
        return await(waiter, guest, timed, deadline);
    }

    private int await(FutexWaiter waiter, GuestThread guest, boolean timed, long deadline) {
        while (!waiter.woken) {
            boolean javaInterrupt = Thread.interrupted();
            if (javaInterrupt || guest.isInterrupted()) {
                if (cancel(waiter)) {
                    return -Errno.EINTR;
                }
                if (javaInterrupt) { // the wake-up won: keep the interrupt for the next wait
                    Thread.currentThread().interrupt();
                }
                return 0;
            }
            if (timed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return cancel(waiter) ? -Errno.ETIMEDOUT : 0;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
        return 0;
    }

    /** Takes the waiter out of its queue; false when a waker already did (the wait succeeded). */
    private static boolean cancel(FutexWaiter waiter) {
        while (true) {
            FutexBucket bucket = waiter.bucket;
            bucket.lock.lock();
            try {
                if (waiter.bucket == bucket) { // not requeued meanwhile
                    if (!waiter.queued) {
                        return false;
                    }
                    bucket.remove(waiter);
                    return true;
                }
            } finally {
                bucket.lock.unlock();
            }
        }
    }

    /**
     * FUTEX_WAKE(_BITSET): wakes waiters on {@code address} whose bitset intersects
     * {@code bitset}, stopping once {@code limit} were woken (Linux counts before comparing, so
     * a limit of 0 or less still wakes one).
     *
     * @return the number woken
     */
    int wake(long address, int limit, int bitset) {
        FutexBucket bucket = buckets[indexOf(address)];
        FutexWaiter toWake;
        bucket.lock.lock();
        try {
            toWake = dequeue(bucket, address, bitset, limit);
        } finally {
            bucket.lock.unlock();
        }
        return unpark(toWake);
    }

    /**
     * FUTEX_WAKE_OP's second half: wakes up to {@code limit} on {@code address1} and, when
     * {@code wakeSecond}, up to {@code limit2} on {@code address2} (same limit rule as wake).
     *
     * @return the number woken
     */
    int wakeTwo(long address1, int limit, boolean wakeSecond, long address2, int limit2) {
        int first = indexOf(address1);
        int second = indexOf(address2);
        FutexWaiter toWake1;
        FutexWaiter toWake2 = null;
        lockBoth(first, second);
        try {
            toWake1 = dequeue(buckets[first], address1, MATCH_ANY, limit);
            if (wakeSecond) {
                toWake2 = dequeue(buckets[second], address2, MATCH_ANY, limit2);
            }
        } finally {
            unlockBoth(first, second);
        }
        return unpark(toWake1) + unpark(toWake2);
    }

    /**
     * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wakes up to {@code wakeLimit} waiters on
     * {@code address}, then moves up to {@code requeueLimit} more to {@code target}. With
     * {@code compare}, the guest word at {@code address} must hold {@code expected} (read under
     * the locks) or nothing happens. Both limits are non-negative.
     *
     * @return woken + requeued, or {@code -EAGAIN}
     * @throws org.osgix.syscall.GuestFault when the compared word is not readable
     */
    int requeue(GuestMemory memory, long address, long target, int wakeLimit, int requeueLimit,
            boolean compare, int expected) {
        int fromIndex = indexOf(address);
        int toIndex = indexOf(target);
        FutexBucket from = buckets[fromIndex];
        FutexBucket to = buckets[toIndex];
        FutexWaiter wakeHead = null;
        FutexWaiter wakeTail = null;
        int count = 0;
        lockBoth(fromIndex, toIndex);
        try {
            if (compare && memory.readInt(address) != expected) {
                return -Errno.EAGAIN;
            }
            FutexWaiter waiter = from.first();
            while (waiter != null && count - wakeLimit < requeueLimit) {
                FutexWaiter next = waiter.next;
                if (waiter.address == address) {
                    if (++count <= wakeLimit) {
                        from.remove(waiter);
                        waiter.nextToWake = null;
                        if (wakeTail == null) {
                            wakeHead = waiter;
                        } else {
                            wakeTail.nextToWake = waiter;
                        }
                        wakeTail = waiter;
                    } else {
                        move(waiter, from, to, target);
                    }
                }
                waiter = next;
            }
        } finally {
            unlockBoth(fromIndex, toIndex);
        }
        unpark(wakeHead);
        return count;
    }

    private static void move(FutexWaiter waiter, FutexBucket from, FutexBucket to, long target) {
        waiter.address = target;
        if (from != to) { // within one bucket the queue position stays
            from.remove(waiter);
            to.append(waiter);
        }
    }

    /** Dequeues matching waiters; returns them linked through nextToWake, in queue order. */
    private static FutexWaiter dequeue(FutexBucket bucket, long address, int bitset, int limit) {
        FutexWaiter head = null;
        FutexWaiter tail = null;
        int woken = 0;
        FutexWaiter waiter = bucket.first();
        while (waiter != null) {
            FutexWaiter next = waiter.next;
            if (waiter.address == address && (waiter.bitset & bitset) != 0) {
                bucket.remove(waiter);
                waiter.nextToWake = null;
                if (tail == null) {
                    head = waiter;
                } else {
                    tail.nextToWake = waiter;
                }
                tail = waiter;
                if (++woken >= limit) {
                    break;
                }
            }
            waiter = next;
        }
        return head;
    }

    /** Marks each dequeued waiter woken and unparks it; returns how many. */
    private static int unpark(FutexWaiter waiter) {
        int count = 0;
        while (waiter != null) {
            FutexWaiter next = waiter.nextToWake;
            Thread thread = waiter.thread;
            waiter.woken = true;
            LockSupport.unpark(thread);
            waiter = next;
            count++;
        }
        return count;
    }

    /** Locks two buckets in index order, so concurrent two-bucket operations cannot deadlock. */
    private void lockBoth(int a, int b) {
        buckets[Math.min(a, b)].lock.lock();
        if (a != b) {
            buckets[Math.max(a, b)].lock.lock();
        }
    }

    private void unlockBoth(int a, int b) {
        buckets[a].lock.unlock();
        if (a != b) {
            buckets[b].lock.unlock();
        }
    }
}
