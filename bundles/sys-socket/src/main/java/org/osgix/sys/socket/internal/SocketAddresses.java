package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.AF_INET;
import static org.osgix.sys.socket.internal.SocketAbi.AF_INET6;
import static org.osgix.sys.socket.internal.SocketAbi.AF_UNIX;
import static org.osgix.sys.socket.internal.SocketAbi.SOCKADDR_MAX;
import static org.osgix.sys.socket.internal.SocketAbi.SUN_PATH_MAX;
import static org.osgix.sys.socket.internal.SocketAbi.SUN_PATH_OFFSET;

import org.osgix.host.NativeMemory;
import org.osgix.net.NetworkPolicy;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * Socket addresses between guest and host memory: copied in (as Linux's move_addr_to_kernel:
 * EINVAL beyond sockaddr_storage, EFAULT for a bad pointer), with AF_UNIX path names moved under
 * the sysroot and IP addresses shown to the network policies; and copied out (as
 * move_addr_to_user: truncated to the guest's length, the full length stored back).
 */
final class SocketAddresses {
    private final NativeMemory memory;
    private final Policies policies;

    SocketAddresses(NativeMemory memory, Policies policies) {
        this.memory = memory;
        this.policies = policies;
    }

    static UnixRoot root(SyscallContext call) {
        return call.process().state(UnixRoot.class, () -> UnixRoot.of(call.process().option("sysroot")));
    }

    /**
     * Copies the guest address {@code [addr, addr+len)} to host memory at {@code dest}
     * ({@link SocketAbi#SOCKADDR_MAX} bytes), translated for the host.
     *
     * @param operation what the policies are told, or null when they are not asked
     * @return the host address length, or -errno
     */
    int in(SyscallContext call, SocketInfo info, NetworkPolicy.Operation operation, long addr, long len, long dest) {
        if (len < 0 || len > SOCKADDR_MAX) {
            return -Errno.EINVAL;
        }
        int length = (int) len;
        if (length == 0) {
            return 0;
        }
        long src = call.memory().hostAddress(addr, length, GuestMemory.PROT_READ);
        if (src < 0) {
            return -Errno.EFAULT;
        }
        memory.copy(dest, src, length);
        int family = length >= 2 ? memory.getByte(dest) & 0xff | (memory.getByte(dest + 1) & 0xff) << 8 : -1;
        if (family == AF_UNIX) {
            return unixIn(root(call), dest, length);
        }
        if (operation != null && (family == AF_INET || family == AF_INET6) && policies.any()) {
            return policies.apply(call.process(), operation, info.type(), dest, length);
        }
        return length;
    }

    /** An absolute path name goes under the sysroot; ENAMETOOLONG when it no longer fits. */
    private int unixIn(UnixRoot root, long dest, int length) {
        if (root.isIdentity() || length <= SUN_PATH_OFFSET || memory.getByte(dest + SUN_PATH_OFFSET) != '/') {
            return length;
        }
        int pathLen = 0;
        while (SUN_PATH_OFFSET + pathLen < length && memory.getByte(dest + SUN_PATH_OFFSET + pathLen) != 0) {
            pathLen++;
        }
        int hostPathLen = root.length() + pathLen;
        if (hostPathLen >= SUN_PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        memory.copy(dest + SUN_PATH_OFFSET + root.length(), dest + SUN_PATH_OFFSET, pathLen);
        memory.put(dest + SUN_PATH_OFFSET, root.bytes(), 0, root.length());
        memory.putByte(dest + SUN_PATH_OFFSET + hostPathLen, (byte) 0);
        return SUN_PATH_OFFSET + hostPathLen + 1;
    }

    /**
     * Reads the guest's length word at {@code lenPtr} for an address result: the length, or
     * -EFAULT / -EINVAL (negative) as Linux. A null {@code addr} needs no length.
     */
    static long guestLength(SyscallContext call, long addr, long lenPtr) {
        if (addr == 0) {
            return 0;
        }
        if (!call.memory().isAccessible(lenPtr, 4, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        int len = call.memory().readInt(lenPtr);
        return len < 0 ? -Errno.EINVAL : len;
    }

    /**
     * Copies the host address {@code [src, src+hostLen)} out to the guest's {@code addr} (at most
     * {@code guestLen} bytes) and stores the full length at {@code lenPtr}. Returns 0 or -EFAULT.
     */
    int out(SyscallContext call, long src, int hostLen, long addr, long guestLen, long lenPtr) {
        if (addr == 0) {
            return 0;
        }
        int length = isUnix(src, hostLen) ? unixOut(root(call), src, hostLen) : hostLen;
        int copied = (int) Math.min(guestLen, length);
        if (copied > 0) {
            long dst = call.memory().hostAddress(addr, copied, GuestMemory.PROT_WRITE);
            if (dst < 0) {
                return -Errno.EFAULT;
            }
            memory.copy(dst, src, copied);
        }
        call.memory().writeInt(lenPtr, length);
        return 0;
    }

    private boolean isUnix(long addr, int length) {
        return length >= 2 && (memory.getByte(addr) & 0xff | (memory.getByte(addr + 1) & 0xff) << 8) == AF_UNIX;
    }

    /** A path name under the sysroot is shown as the guest's path. */
    private int unixOut(UnixRoot root, long src, int length) {
        int rootLen = root.length();
        if (root.isIdentity() || length <= SUN_PATH_OFFSET + rootLen) {
            return length;
        }
        byte[] prefix = root.bytes();
        for (int i = 0; i < rootLen; i++) {
            if (memory.getByte(src + SUN_PATH_OFFSET + i) != prefix[i]) {
                return length;
            }
        }
        if (memory.getByte(src + SUN_PATH_OFFSET + rootLen) != '/') {
            return length;
        }
        int rest = length - SUN_PATH_OFFSET - rootLen;
        memory.copy(src + SUN_PATH_OFFSET, src + SUN_PATH_OFFSET + rootLen, rest);
        return length - rootLen;
    }
}
