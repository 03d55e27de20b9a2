package org.osgix.kernel.internal;

import static org.osgix.syscall.FileStat.ST_SIZE;
import static org.osgix.syscall.GuestMemory.PROT_EXEC;
import static org.osgix.syscall.GuestMemory.PROT_READ;
import static org.osgix.syscall.GuestMemory.PROT_WRITE;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;

/**
 * What the host puts at a guest mapping's owned range: zero pages, a private copy of a file, or
 * a shared host mapping of a file (anonymous shared memory is a memfd). Called under the address
 * space's lock.
 */
final class MappingContents {
    private static final int MAP_SHARED = AddressSpace.MAP_SHARED, MAP_FIXED = AddressSpace.MAP_FIXED;

    private final Host host;
    private final NativeMemory mem;
    private final HostReservations reservations;

    MappingContents(Host host, HostReservations reservations) {
        this.host = host;
        this.mem = host.memory();
        this.reservations = reservations;
    }

    /**
     * Gives [start, start+size) its contents: zero pages ({@code hostFd} -1), a private copy of
     * the file, or the host's shared mapping of the file (anonymous shared memory is a memfd).
     * Returns the max prot for shared files, 7 otherwise, or -errno.
     */
    int fill(long start, long size, int prot, int hostFd, boolean shared, long offset) {
        if (hostFd < 0) {
            long got = host.mmap(start, size, HostReservations.PROT_RW, HostReservations.ANON_FLAGS | MAP_FIXED, -1, 0);
            return got == start ? 7 : (int) Math.min(got, -Errno.ENOMEM);
        }
        long fileSize = fileSize(hostFd);
        if (fileSize < 0) {
            return (int) fileSize;
        }
        if (!shared) {
            int zeroed = reservations.zero(start, start + size);
            if (zeroed < 0) {
                return zeroed;
            }
            return copyFile(hostFd, start, Math.max(0, Math.min(size, fileSize - offset)), offset);
        }
        // Shared: only pages inside the file are file-backed; a host access past EOF would SIGBUS the JVM.
        int accMode = host.fcntl(hostFd, Host.F_GETFL, 0) & 3;
        int maxProt = PROT_READ | PROT_EXEC | (accMode == 2 ? PROT_WRITE : 0);
        if ((prot & PROT_WRITE) != 0 && accMode != 2) {
            return -Errno.EACCES;
        }
        long backed = Math.max(0, Math.min(size, AddressSpaceImpl.pageUp(fileSize - offset)));
        if (backed > 0) {
            int hostProt = PROT_READ | ((maxProt & PROT_WRITE) != 0 ? PROT_WRITE : 0);
            long got = host.mmap(start, backed, hostProt, MAP_SHARED | MAP_FIXED, hostFd, offset);
            if (got != start) {
                return (int) Math.min(got, -Errno.ENOMEM);
            }
        }
        if (backed < size) {
            reservations.zero(start + backed, start + size);
        }
        return maxProt;
    }

    private long fileSize(int hostFd) {
        long buf = mem.allocate(256);
        try {
            int r = host.fstat(hostFd, buf);
            return r < 0 ? r : mem.getLong(buf + ST_SIZE);
        } finally {
            mem.free(buf);
        }
    }

    private int copyFile(int hostFd, long dst, long count, long offset) {
        long done = 0;
        while (done < count) {
            long n = host.pread(hostFd, dst + done, count - done, offset + done);
            if (n < 0) {
                return (int) n;
            }
            if (n == 0) {
                break;
            }
            done += n;
        }
        return 7;
    }
}
