package org.osgix.sys.files.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * memfd_create: a host memfd becomes a guest regular-file description (read, write, mmap,
 * ftruncate and seals all act on the host file). The host fd is always close-on-exec; the
 * guest's MFD_CLOEXEC lives in its descriptor slot.
 */
final class MemoryFiles {
    static final int MFD_CLOEXEC = 0x1, MFD_ALLOW_SEALING = 0x2, MFD_HUGETLB = 0x4, MFD_NOEXEC_SEAL = 0x8,
        MFD_EXEC = 0x10;
    /** Linux accepts the huge page size bits (MFD_HUGE_SHIFT 26, 6 bits) only with MFD_HUGETLB. */
    private static final int MFD_HUGE_MASK = 0x3f << 26;
    private static final int ALL_FLAGS = MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC;
    /** NAME_MAX minus the "memfd:" prefix the kernel adds. */
    static final int NAME_MAX = 249;

    private final Host host;

    MemoryFiles(Host host) {
        this.host = host;
    }

    /** memfd_create(name, flags): flags are checked before the name, as Linux does. */
    long memfdCreate(SyscallContext call) {
        int flags = call.intArg(1);
        boolean huge = (flags & MFD_HUGETLB) != 0;
        if ((flags & ~(ALL_FLAGS | (huge ? MFD_HUGE_MASK : 0))) != 0) {
            return -Errno.EINVAL;
        }
        byte[] name = readName(call.memory(), call.arg0());
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (name.length > NAME_MAX + 1) {
            return -Errno.EINVAL;
        }
        int hostFd = host.memfdCreate(name, flags | MFD_CLOEXEC);
        if (hostFd < 0) {
            return hostFd;
        }
        return call.fds().open(FileKind.REGULAR, hostFd, OpenFile.O_RDWR | OpenFile.O_LARGEFILE, null, null,
            (flags & MFD_CLOEXEC) != 0);
    }

    /**
     * The name with its NUL, or the first NAME_MAX + 2 bytes when it is longer (too long);
     * null when a byte before the NUL (or that limit) cannot be read.
     */
    private static byte[] readName(GuestMemory memory, long addr) {
        byte[] bytes = new byte[NAME_MAX + 2];
        byte[] one = new byte[1];
        for (int i = 0; i < bytes.length; i++) {
            try {
                memory.read(addr + i, one, 0, 1);
            } catch (GuestFault fault) {
                return null;
            }
            bytes[i] = one[0];
            if (one[0] == 0) {
                return java.util.Arrays.copyOf(bytes, i + 1);
            }
        }
        return bytes;
    }
}
