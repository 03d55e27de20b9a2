package org.osgix.sys.files.internal;

import java.util.List;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * getdents64 and the older getdents (same records, but d_type is the record's last byte). The host writes a directory's records straight into the guest buffer (names are
 * bytes, copied unchanged). An opened /proc/self/fd lists the guest's descriptors instead: its
 * position is kept as the host fd's offset, so lseek and rewinddir work as on Linux, where
 * position 0 is ".", 1 is ".." and 2 + N is descriptor N.
 */
final class Directories {
    /** struct linux_dirent64: ino (8), off (8), reclen (2), type (1), then the name and a NUL. */
    private static final int DIRENT_HEADER = 19;
    /** struct linux_dirent: ino (8), off (8), reclen (2), the name, a NUL, padding, type (1). */
    private static final int OLD_DIRENT_HEADER = 18;
    private static final byte DT_DIR = 4;
    private static final int SEEK_SET = 0, SEEK_CUR = 1;
    /** A directory listing builds its records in a buffer of at most this size per call. */
    private static final int MAX_SYNTHESIZED = 32768;

    private final Host host;

    Directories(Host host) {
        this.host = host;
    }

    long getdents64(SyscallContext call) {
        return list(call, false);
    }

    long getdents(SyscallContext call) {
        return list(call, true);
    }

    private long list(SyscallContext call, boolean old) {
        int fd = call.fdArg(0);
        long buf = call.arg1();
        long count = call.arg2() & 0xffff_ffffL;
        OpenFile dir = call.fds().pinRaw(fd);
        if (dir == null) {
            return -Errno.EBADF;
        }
        try {
            if (dir.attachment() instanceof ProcFiles.DescriptorDirectory) {
                return listDescriptors(call, dir.hostFd(), buf, (int) Math.min(count, MAX_SYNTHESIZED), old,
                    ((ProcFiles.DescriptorDirectory) dir.attachment()).entryType);
            }
            if (dir.hostFd() < 0) {
                return -Errno.ENOTDIR;
            }
            long length = Math.min(count, Integer.MAX_VALUE);
            long h = call.memory().hostAddress(buf, length, GuestMemory.PROT_WRITE);
            if (h < 0) {
                length = accessiblePrefix(call.memory(), buf, length);
                h = length == 0 ? -1 : call.memory().hostAddress(buf, length, GuestMemory.PROT_WRITE);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
                long r = read(dir.hostFd(), h, length, old);
                // a buffer that is too short only because of the hole faults, as on Linux
                return r == -Errno.EINVAL ? -Errno.EFAULT : r;
            }
            return read(dir.hostFd(), h, length, old);
        } finally {
            dir.unpin();
        }
    }

    private long read(int hostFd, long h, long length, boolean old) {
        return old ? host.getdents(hostFd, h, length) : host.getdents64(hostFd, h, length);
    }

    /** The writable prefix of the buffer, whole pages at a time. */
    private static long accessiblePrefix(GuestMemory memory, long addr, long len) {
        long end = addr;
        long limit = addr + len;
        while (end < limit) {
            long next = Math.min(limit, (end & -GuestMemory.PAGE_SIZE) + GuestMemory.PAGE_SIZE);
            if (!memory.isAccessible(end, next - end, GuestMemory.PROT_WRITE)) {
                break;
            }
            end = next;
        }
        return end - addr;
    }

    private long listDescriptors(SyscallContext call, int hostFd, long buf, int count, boolean old, byte entryType) {
        long position = host.lseek(hostFd, 0, SEEK_CUR);
        if (position < 0) {
            return position;
        }
        byte[] out = new byte[count];
        int used = 0;
        List<FdSnapshot> open = call.fds().snapshots();
        int next = 0;
        while (true) {
            String name;
            long ino;
            byte type;
            long after;
            if (position == 0 || position == 1) {
                name = position == 0 ? "." : "..";
                ino = position == 0 ? 1 : 2;
                type = DT_DIR;
                after = position + 1;
            } else {
                while (next < open.size() && open.get(next).fd() + 2L < position) {
                    next++;
                }
                if (next == open.size()) {
                    break;
                }
                int fd = open.get(next).fd();
                name = Integer.toString(fd);
                ino = 0x1000 + fd;
                type = entryType;
                after = fd + 3L;
            }
            int reclen = old ? (OLD_DIRENT_HEADER + name.length() + 2 + 7) & ~7
                : (DIRENT_HEADER + name.length() + 1 + 7) & ~7;
            if (used + reclen > count) {
                if (used == 0) {
                    return -Errno.EINVAL;
                }
                break;
            }
            putRecord(out, used, ino, after, reclen, type, name, old);
            used += reclen;
            position = after;
        }
        call.memory().write(buf, out, 0, used);
        host.lseek(hostFd, position, SEEK_SET);
        return used;
    }

    private static void putRecord(byte[] out, int at, long ino, long offset, int reclen, byte type, String name,
        boolean old) {
        putLong(out, at, ino);
        putLong(out, at + 8, offset);
        out[at + 16] = (byte) reclen;
        out[at + 17] = (byte) (reclen >>> 8);
        int nameAt = at + (old ? OLD_DIRENT_HEADER : DIRENT_HEADER);
        out[old ? at + reclen - 1 : at + DIRENT_HEADER - 1] = type;
        for (int i = 0; i < name.length(); i++) {
            out[nameAt + i] = (byte) name.charAt(i);
        }
    }

    private static void putLong(byte[] out, int at, long value) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
