package org.osgix.sys.mm.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * Which open files can be mapped, and how: the checks Linux's do_mmap makes for a file mapping,
 * in its order (mapping type, MAP_SHARED_VALIDATE flags, write access for shared writable
 * mappings, read access, a file type with an mmap operation).
 */
final class MappableFiles {
    static final int MAP_32BIT = 0x40, MAP_ABOVE4G = 0x80, MAP_UNINITIALIZED = 0x4000000;
    /** MAP_HUGE_2MB | MAP_HUGE_1GB: the huge page size bits Linux accepts with MAP_SHARED_VALIDATE. */
    static final int MAP_HUGE_SIZES = (21 << 26) | (30 << 26);
    /** The flags MAP_SHARED_VALIDATE accepts (Linux LEGACY_MAP_MASK); MAP_SHARED drops the others. */
    static final int LEGACY_MAP_MASK = AddressSpace.MAP_SHARED | AddressSpace.MAP_PRIVATE | AddressSpace.MAP_FIXED
        | AddressSpace.MAP_ANONYMOUS | AddressSpace.MAP_DENYWRITE | AddressSpace.MAP_EXECUTABLE
        | MAP_UNINITIALIZED | AddressSpace.MAP_GROWSDOWN | AddressSpace.MAP_LOCKED | AddressSpace.MAP_NORESERVE
        | AddressSpace.MAP_POPULATE | AddressSpace.MAP_NONBLOCK | AddressSpace.MAP_STACK | AddressSpace.MAP_HUGETLB
        | MAP_32BIT | MAP_ABOVE4G | MAP_HUGE_SIZES;

    private MappableFiles() {
    }

    /**
     * Checks a mapping of {@code file}: the flags to hand to the address space (MAP_SHARED for
     * both shared types, unknown MAP_SHARED flags dropped) as an unsigned int, or a negative errno.
     */
    static long check(OpenFile file, int prot, int flags) {
        int type = flags & AddressSpace.MAP_TYPE;
        boolean shared = type == AddressSpace.MAP_SHARED || type == AddressSpace.MAP_SHARED_VALIDATE;
        if (!shared && type != AddressSpace.MAP_PRIVATE) {
            return -Errno.EINVAL;
        }
        if (type == AddressSpace.MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        int access = file.statusFlags() & OpenFile.O_ACCMODE;
        boolean readable = access == OpenFile.O_RDONLY || access == OpenFile.O_RDWR;
        boolean writable = access == OpenFile.O_WRONLY || access == OpenFile.O_RDWR;
        if (shared && (prot & GuestMemory.PROT_WRITE) != 0 && !writable) {
            return -Errno.EACCES;
        }
        if (!readable) {
            return -Errno.EACCES;
        }
        if (!hasMmap(file)) {
            return -Errno.ENODEV;
        }
        if ((flags & AddressSpace.MAP_GROWSDOWN) != 0) {
            return -Errno.EINVAL;
        }
        if (type == AddressSpace.MAP_SHARED) {
            flags &= LEGACY_MAP_MASK | AddressSpace.MAP_FIXED_NOREPLACE;
        }
        if (shared) {
            flags = flags & ~AddressSpace.MAP_TYPE | AddressSpace.MAP_SHARED;
        }
        return flags & 0xffffffffL;
    }

    /** Regular files and devices map through their host fd; the other kinds have no mmap. */
    private static boolean hasMmap(OpenFile file) {
        FileKind kind = file.kind();
        boolean mappableKind = kind == FileKind.REGULAR || kind == FileKind.CHARACTER_DEVICE || kind == FileKind.OTHER;
        return mappableKind && file.hostFd() >= 0;
    }
}
