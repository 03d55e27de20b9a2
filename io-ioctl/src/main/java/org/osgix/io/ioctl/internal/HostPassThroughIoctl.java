package org.osgix.io.ioctl.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * An ioctl the host serves on the description's host fd (terminal requests): the host decides,
 * so a request a file does not support fails as natively (ENOTTY on a pipe). A pointer argument
 * is checked for the exact structure size and handed to the host zero-copy.
 *
 * <p>A bad pointer is never handed to the host (it may be JVM memory). Linux reports EFAULT for
 * it only when the file supports the request, and the request's own error otherwise; a
 * harmless query (the probe) into host scratch memory tells which answer the host would give.
 */
final class HostPassThroughIoctl implements IoctlHandler {
    /** How the host uses the argument. */
    enum Argument {
        /** A plain value, passed unchanged. */
        VALUE,
        /** A pointer to a structure the host reads (a "set" request). */
        IN,
        /** A pointer to a structure the host writes (a "get" request). */
        OUT
    }

    private final Host host;
    private final HostScratch scratch;
    private final Argument argument;
    private final int size;
    private final long probe;

    /**
     * @param size the structure size in bytes (ignored for {@link Argument#VALUE})
     * @param probe a request that writes at most {@link HostScratch#SIZE} bytes and changes
     *     nothing, which the host supports exactly when it supports this one; 0 for this request
     *     itself (only for {@link Argument#OUT} requests that change nothing)
     */
    HostPassThroughIoctl(Host host, HostScratch scratch, Argument argument, int size, long probe) {
        if (size > HostScratch.SIZE) {
            throw new IllegalArgumentException("structure larger than the scratch block: " + size);
        }
        if (probe == 0 && argument == Argument.IN) {
            throw new IllegalArgumentException("a request that reads its argument needs a separate probe");
        }
        this.host = host;
        this.scratch = scratch;
        this.argument = argument;
        this.size = size;
        this.probe = probe;
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        int hostFd = descriptor.file().hostFd();
        if (hostFd < 0) {
            return -Errno.ENOTTY; // a file the emulator implements itself knows no host request
        }
        if (argument == Argument.VALUE) {
            return host.ioctl(hostFd, request, arg);
        }
        int access = argument == Argument.IN ? GuestMemory.PROT_READ : GuestMemory.PROT_WRITE;
        long h = call.memory().hostAddress(arg, size, access);
        if (h >= 0) {
            return host.ioctl(hostFd, request, h);
        }
        int r = host.ioctl(hostFd, probe == 0 ? request : probe, scratch.address());
        return r < 0 ? r : -Errno.EFAULT;
    }
}
