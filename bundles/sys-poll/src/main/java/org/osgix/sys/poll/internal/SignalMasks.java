package org.osgix.sys.poll.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * The signal mask arguments of ppoll, pselect6 and epoll_pwait: checked (size, readable) as
 * Linux checks them. The mask itself is not applied during the wait yet (no signal delivery here).
 */
final class SignalMasks {
    static final int SIGSET_SIZE = 8;

    private SignalMasks() {
    }

    /** 0, -EINVAL for a wrong size, or a GuestFault for an unreadable mask. */
    static int check(GuestMemory memory, long mask, long size) {
        if (mask == 0) {
            return 0;
        }
        if (size != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        memory.readLong(mask);
        return 0;
    }

    /** pselect6's sixth argument: a pointer to {@code {const sigset_t *ss; size_t ss_len}}. */
    static int checkPacked(GuestMemory memory, long pack) {
        if (pack == 0) {
            return 0;
        }
        return check(memory, memory.readLong(pack), memory.readLong(pack + 8));
    }
}
