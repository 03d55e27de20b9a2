package org.osgix.sys.mm.internal;

import org.osgix.fd.OpenFile;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * mmap: validates the arguments as Linux does (in its order), resolves the descriptor of a file
 * mapping and keeps it pinned while the address space maps its host fd.
 */
final class Mmap {
    private static final int PROT_RWX = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE | GuestMemory.PROT_EXEC;

    /** mmap(addr, length, prot, flags, fd, offset). */
    long mmap(SyscallContext call) {
        long addr = call.arg0();
        long length = call.arg1();
        int prot = call.intArg(2) & PROT_RWX; // other bits have no meaning for mmap and are ignored
        int flags = call.intArg(3);
        long offset = call.arg5();
        if (!PageRanges.aligned(offset)) {
            return -Errno.EINVAL;
        }
        if ((flags & AddressSpace.MAP_ANONYMOUS) != 0) {
            return mapAnonymous(call.memory(), addr, length, prot, flags);
        }
        OpenFile file = call.fds().pin(call.fdArg(4));
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            return mapFile(call.memory(), addr, length, prot, flags, file, offset);
        } finally {
            file.unpin();
        }
    }

    private static long mapAnonymous(AddressSpace space, long addr, long length, int prot, int flags) {
        long rc = checkRange(addr, length, flags);
        if (rc < 0) {
            return rc;
        }
        int type = flags & AddressSpace.MAP_TYPE;
        if (type == AddressSpace.MAP_SHARED) {
            if ((flags & AddressSpace.MAP_GROWSDOWN) != 0) {
                return -Errno.EINVAL;
            }
        } else if (type != AddressSpace.MAP_PRIVATE) {
            return -Errno.EINVAL; // MAP_SHARED_VALIDATE included: Linux only validates file mappings
        }
        return space.mmap(addr, length, prot, flags, -1, 0, null);
    }

    private static long mapFile(AddressSpace space, long addr, long length, int prot, int flags, OpenFile file,
            long offset) {
        if ((flags & AddressSpace.MAP_HUGETLB) != 0) {
            return -Errno.EINVAL; // no file here lives on hugetlbfs
        }
        long rc = checkRange(addr, length, flags);
        if (rc < 0) {
            return rc;
        }
        if (PageRanges.above(offset, Long.MAX_VALUE - PageRanges.pageAlign(length))) {
            return -Errno.EOVERFLOW; // beyond the largest file offset
        }
        long checkedFlags = MappableFiles.check(file, prot, flags);
        if (checkedFlags < 0) {
            return checkedFlags;
        }
        return space.mmap(addr, length, prot, (int) checkedFlags, file.hostFd(), offset, file.path());
    }

    /** Length and fixed-address checks common to every mapping. */
    private static long checkRange(long addr, long length, int flags) {
        if (length == 0) {
            return -Errno.EINVAL;
        }
        long pages = PageRanges.pageAlign(length);
        if (pages == 0 || PageRanges.above(pages, PageRanges.TASK_SIZE)) {
            return -Errno.ENOMEM;
        }
        boolean fixed = (flags & (AddressSpace.MAP_FIXED | AddressSpace.MAP_FIXED_NOREPLACE)) != 0;
        if (fixed && !PageRanges.aligned(addr)) {
            return -Errno.EINVAL;
        }
        return 0;
    }
}
