package org.osgix.fd;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.syscall.SyscallContext;

/**
 * An attachment that serves read(2) of its description in Java (a signalfd: the records come
 * from the signal family's pending sets, not from the host fd, which only carries readiness).
 * The io family calls it instead of reading the host fd; other transfers still go to the host fd.
 */
@ConsumerType
public interface ReadableAttachment {
    /**
     * Reads into guest memory at {@code buf} ({@code count} bytes) as Linux's read would, waiting
     * interruptibly unless the description is O_NONBLOCK. The description is pinned by the caller.
     *
     * @return bytes read or {@code -errno}
     */
    long read(SyscallContext call, OpenFile file, long buf, long count);
}
