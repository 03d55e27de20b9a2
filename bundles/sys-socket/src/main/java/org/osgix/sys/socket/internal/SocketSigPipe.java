package org.osgix.sys.socket.internal;

import static org.osgix.syscall.SignalNumbers.SIGPIPE;

import org.osgix.signal.SignalDeliveryRef;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallHandler;

/**
 * Linux raises SIGPIPE for a sender that gets EPIPE on a stream socket unless the call passed
 * MSG_NOSIGNAL. Host sends always pass MSG_NOSIGNAL (the JVM must never get the signal), so the
 * guest's SIGPIPE is raised here, through the signal family when it is present.
 */
final class SocketSigPipe {
    static final int MSG_NOSIGNAL = 0x4000;
    final SignalDeliveryRef signals = new SignalDeliveryRef();

    /** {@code send} with its flags in argument {@code flagsArg} (0-based). */
    SyscallHandler raising(SyscallHandler send, int flagsArg) {
        return call -> {
            long r = send.handle(call);
            if (r == -Errno.EPIPE) {
                long flags = flagsArg == 2 ? call.arg2() : call.arg3();
                if ((flags & MSG_NOSIGNAL) == 0) {
                    signals.raise(call.thread(), SIGPIPE);
                }
            }
            return r;
        };
    }
}
