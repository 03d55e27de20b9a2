package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** statfs, fstatfs, and the calls that flush data to storage: sync, syncfs, fsync, fdatasync. */
final class FileSystems {
    /** struct statfs on x86_64. */
    static final int STATFS_SIZE = 120;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    FileSystems(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long statfs(SyscallContext call) {
        long buf = call.arg1();
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, true,
            at -> intoGuest(call, buf, h -> host.statfs(at.pathOnly(), h)));
    }

    long fstatfs(SyscallContext call) {
        long buf = call.arg1();
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF,
            hostFd -> intoGuest(call, buf, h -> host.fstatfs(hostFd, h)));
    }

    /** A host call that writes a struct statfs at a host address. */
    @FunctionalInterface
    private interface StatfsCall {
        int apply(long hostBuf);
    }

    /**
     * The host writes straight into the guest buffer; when it is not writable, into scratch
     * memory first, so the lookup's own error comes before EFAULT.
     */
    private long intoGuest(SyscallContext call, long buf, StatfsCall hostCall) {
        long h = call.memory().hostAddress(buf, STATFS_SIZE, GuestMemory.PROT_WRITE);
        int r = hostCall.apply(h < 0 ? scratch.address() + Scratch.SMALL : h);
        return h < 0 && r >= 0 ? -Errno.EFAULT : r;
    }

    long sync(SyscallContext call) {
        return host.sync();
    }

    long syncfs(SyscallContext call) {
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF, host::syncfs);
    }

    long fsync(SyscallContext call) {
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EINVAL, host::fsync);
    }

    long fdatasync(SyscallContext call) {
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EINVAL, host::fdatasync);
    }
}
