package org.osgix.io.ioctl.internal;

import static org.osgix.syscall.FileStat.ST_SIZE;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.ReadableAttachment;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * FIONREAD (argument: pointer to int). For a regular file Linux answers size minus offset (as an
 * int, negative past the end) itself; that is computed here. Every other kind asks its driver,
 * so the host answers (pipes and sockets: bytes queued; directories, /dev/null: ENOTTY).
 */
final class BytesAvailableIoctl implements IoctlHandler {
    private static final int SEEK_CUR = 1;

    private final Host host;
    private final HostScratch scratch;
    private final IoctlHandler driver;

    BytesAvailableIoctl(Host host, HostScratch scratch) {
        this.host = host;
        this.scratch = scratch;
        this.driver = new HostPassThroughIoctl(host, scratch, HostPassThroughIoctl.Argument.OUT, Integer.BYTES, 0);
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        OpenFile file = descriptor.file();
        if (file.attachment() instanceof ReadableAttachment) {
            return -Errno.ENOTTY; // served in Java (a signalfd): no driver; its host fd only carries readiness
        }
        if (file.kind() != FileKind.REGULAR) {
            return driver.ioctl(call, descriptor, request, arg);
        }
        int hostFd = file.hostFd();
        if (hostFd < 0) {
            return -Errno.ENOTTY;
        }
        long stat = scratch.address();
        int r = host.fstat(hostFd, stat);
        if (r < 0) {
            return r;
        }
        long size = host.memory().getLong(stat + ST_SIZE);
        long offset = host.lseek(hostFd, 0, SEEK_CUR);
        if (offset < 0) {
            return offset;
        }
        call.memory().writeInt(arg, (int) (size - offset)); // a bad pointer faults: EFAULT
        return 0;
    }
}
