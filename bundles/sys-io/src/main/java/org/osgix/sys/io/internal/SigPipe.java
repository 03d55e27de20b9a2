package org.osgix.sys.io.internal;

import static org.osgix.syscall.SignalNumbers.SIGPIPE;

import org.osgix.signal.SignalDeliveryRef;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallHandler;

/**
 * Linux raises SIGPIPE for the writer that gets EPIPE (a pipe or stream socket without a
 * reader); the host's SIGPIPE is ignored by the JVM, so it is raised here for the guest thread.
 */
final class SigPipe {
    final SignalDeliveryRef signals = new SignalDeliveryRef();

    SyscallHandler raising(SyscallHandler write) {
        return call -> {
            long r = write.handle(call);
            if (r == -Errno.EPIPE) {
                signals.raise(call.thread(), SIGPIPE);
            }
            return r;
        };
    }
}
