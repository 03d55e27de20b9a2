package org.osgix.sys.poll.internal;

import java.util.function.LongSupplier;
import org.osgix.signal.SignalDelivery;
import org.osgix.signal.SignalDeliveryRef;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * The signal mask arguments of ppoll, pselect6 and epoll_pwait: checked (size, readable) as
 * Linux checks them, then applied for the duration of the wait through the signal family
 * (when it is there). After an interrupted wait the old mask comes back with the handler's
 * sigreturn, as on Linux.
 */
final class SignalMasks {
    static final int SIGSET_SIZE = 8;
    final SignalDeliveryRef signals = new SignalDeliveryRef();

    /** Runs {@code wait} with the mask at {@code maskAddr} (none when 0) in force. */
    long during(SyscallContext call, long maskAddr, LongSupplier wait) {
        SignalDelivery delivery = signals.get();
        if (maskAddr == 0 || delivery == null) {
            return wait.getAsLong();
        }
        delivery.beginWaitMask(call.thread(), call.memory().readLong(maskAddr));
        long r = -Errno.EINTR;
        try {
            r = wait.getAsLong();
        } finally {
            delivery.endWaitMask(call.thread(), r);
        }
        return r;
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
