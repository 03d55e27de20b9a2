package org.osgix.sys.io.internal;

import static org.osgix.ioctl.IoctlRequests.FIONREAD;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * How much of a partly accessible guest buffer a pipe transfer may use. Linux pipes move whole
 * chunks: a write copies the buffer a page at a time and keeps only the pages copied before the
 * first fault (none: EFAULT, nothing written); a read consumes whole pipe buffers and leaves the
 * one whose copy faulted in the pipe. Other files copy what they can.
 */
final class PipeFaults {
    private static final long PAGE = 4096;

    private final Host host;
    private final NativeMemory memory;
    private final IovecScratch scratch;

    PipeFaults(Host host, IovecScratch scratch) {
        this.host = host;
        this.memory = host.memory();
        this.scratch = scratch;
    }

    /**
     * The bytes a pipe transfer may move when only {@code accessible} of {@code requested} bytes
     * can be copied, or -EFAULT when it must move none.
     */
    long usable(int hostFd, Direction direction, long accessible, long requested) {
        if (accessible >= requested) {
            return requested;
        }
        if (direction == Direction.WRITE) {
            long whole = accessible / PAGE * PAGE;
            return whole == 0 ? -Errno.EFAULT : whole;
        }
        // a read that fits what is in the pipe copies it all; otherwise a buffer straddles the
        // fault (counted as the first one: the pipe keeps its data)
        long available = available(hostFd);
        return available >= 0 && available <= accessible && accessible > 0 ? accessible : -Errno.EFAULT;
    }

    private long available(int hostFd) {
        long buf = scratch.spare();
        int r = host.ioctl(hostFd, FIONREAD, buf);
        return r < 0 ? r : memory.getInt(buf);
    }
}
