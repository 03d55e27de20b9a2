package org.osgix.sys.thread.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;

/**
 * The robust futex list of an exiting thread (x86_64 {@code struct robust_list_head}: next,
 * futex_offset, list_op_pending). Like Linux's exit_robust_list: every futex word still owned by
 * the thread gets FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and one waiter is woken; the walk is
 * bounded and stops at the first fault. PI futexes are marked but not handed over.
 */
final class RobustList {
    static final String NOTE = "robust PI futexes are marked OWNER_DIED but not handed over";
    static final long HEAD_SIZE = 24;
    static final int FUTEX_WAITERS = 0x80000000;
    static final int FUTEX_OWNER_DIED = 0x40000000;
    static final int FUTEX_TID_MASK = 0x3fffffff;
    /** ROBUST_LIST_LIMIT: protects against circular lists. */
    static final int LIMIT = 2048;

    private static final long FAULT = -1, NOTHING = 0, WAKE = 1;

    private final Futex futex;

    RobustList(Futex futex) {
        this.futex = futex;
    }

    /** Handles the list at {@code head} (0: none) for the exiting thread {@code tid}. */
    void release(GuestProcess process, GuestMemory memory, int tid, long head) {
        if (head == 0) {
            return;
        }
        long entry;
        long offset;
        long pending;
        try {
            entry = memory.readLong(head);
            offset = memory.readLong(head + Long.BYTES);
            pending = memory.readLong(head + 2 * Long.BYTES);
        } catch (GuestFault fault) {
            return;
        }
        int limit = LIMIT;
        while (untagged(entry) != head) {
            long next = 0;
            boolean nextRead = true;
            try {
                next = memory.readLong(untagged(entry));
            } catch (GuestFault fault) {
                nextRead = false;
            }
            if (untagged(entry) != untagged(pending)
                    && !ownerDied(process, memory, untagged(entry) + offset, tid, isPi(entry), false)) {
                return;
            }
            if (!nextRead || --limit == 0) {
                return;
            }
            entry = next;
        }
        if (untagged(pending) != 0) {
            ownerDied(process, memory, untagged(pending) + offset, tid, isPi(pending), true);
        }
    }

    /** The low bit of a list pointer marks a PI futex. */
    private static long untagged(long pointer) {
        return pointer & ~1L;
    }

    private static boolean isPi(long pointer) {
        return (pointer & 1) != 0;
    }

    /**
     * Linux's handle_futex_death: marks the word when this thread owns it and wakes a waiter.
     * A pending (half-done) lock operation on a free word also wakes one, so a waiter that the
     * dying thread was about to wake does not sleep forever.
     *
     * @return false on a fault (the walk stops)
     */
    private boolean ownerDied(GuestProcess process, GuestMemory memory, long word, int tid, boolean pi,
            boolean pendingOp) {
        if ((word & (Integer.BYTES - 1)) != 0) {
            return false;
        }
        long outcome = process.exclusive(() -> {
            try {
                int value = memory.readInt(word);
                if (pendingOp && !pi && value == 0) {
                    return WAKE;
                }
                if ((value & FUTEX_TID_MASK) != tid) {
                    return NOTHING;
                }
                memory.writeInt(word, (value & FUTEX_WAITERS) | FUTEX_OWNER_DIED);
                return !pi && (value & FUTEX_WAITERS) != 0 ? WAKE : NOTHING;
            } catch (GuestFault fault) {
                return FAULT;
            }
        });
        if (outcome == WAKE) {
            futex.wake(process, word, 1);
        }
        return outcome != FAULT;
    }
}
