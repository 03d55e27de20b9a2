package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.IOVEC_SIZE;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_CONTROL;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_CONTROLLEN;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_FLAGS;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_IOV;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_IOVLEN;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_NAME;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_NAMELEN;
import static org.osgix.sys.socket.internal.SocketAbi.SOCKADDR_MAX;

import java.util.List;
import org.osgix.fd.OpenFile;
import org.osgix.host.NativeMemory;
import org.osgix.net.NetworkPolicy;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * A guest msghdr as a host msghdr in the thread's scratch: iovecs checked and turned into host
 * addresses, the address translated, outgoing control data copied with SCM_RIGHTS fds turned
 * into host fds; incoming control data lands in the guest's own buffer and is fixed up after.
 */
final class MessageHeaders {
    private final NativeMemory memory;
    private final SocketScratch scratch;
    private final SocketAddresses addresses;
    private final Rights rights;

    MessageHeaders(SocketScratch scratch, SocketAddresses addresses, Rights rights) {
        this.memory = scratch.memory();
        this.scratch = scratch;
        this.addresses = addresses;
        this.rights = rights;
    }

    /**
     * Fills the host iovec table from the guest's {@code iovcnt} iovecs at {@code iov}. Returns
     * the total length, or -errno (EMSGSIZE beyond UIO_MAXIOV, EINVAL for a negative total,
     * EFAULT for a bad table or buffer).
     */
    long iovecs(SyscallContext call, long iov, long iovcnt, boolean send) {
        if (Long.compareUnsigned(iovcnt, SocketAbi.UIO_MAXIOV) > 0) {
            return -Errno.EMSGSIZE;
        }
        int count = (int) iovcnt;
        AddressSpace guest = call.memory();
        if (count > 0 && !guest.isAccessible(iov, (long) count * IOVEC_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        long table = scratch.base() + SocketScratch.IOVECS;
        int access = send ? GuestMemory.PROT_READ : GuestMemory.PROT_WRITE;
        long total = 0;
        for (int i = 0; i < count; i++) {
            long base = guest.readLong(iov + (long) i * IOVEC_SIZE);
            long len = guest.readLong(iov + (long) i * IOVEC_SIZE + 8);
            if (len < 0 || total + len < 0) {
                return -Errno.EINVAL;
            }
            long h = 0;
            if (len > 0) {
                h = guest.hostAddress(base, len, access);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
            }
            memory.putLong(table + (long) i * IOVEC_SIZE, h);
            memory.putLong(table + (long) i * IOVEC_SIZE + 8, len);
            total += len;
        }
        long msg = scratch.base() + SocketScratch.MSGHDR;
        memory.putLong(msg + MSG_IOV, table);
        memory.putLong(msg + MSG_IOVLEN, count);
        return total;
    }

    /** A one-buffer message (sendto, recvfrom) without address or control data yet. */
    long single(SyscallContext call, long buf, long len, boolean send) {
        long msg = scratch.base() + SocketScratch.MSGHDR;
        memory.fill(msg, SocketAbi.MSGHDR_SIZE, (byte) 0);
        long table = scratch.base() + SocketScratch.IOVECS;
        long h = 0;
        long length = Math.min(len, SocketAbi.MAX_RW_COUNT);
        if (length > 0) {
            h = call.memory().hostAddress(buf, length, send ? GuestMemory.PROT_READ : GuestMemory.PROT_WRITE);
            if (h < 0) {
                return -Errno.EFAULT;
            }
        }
        memory.putLong(table, h);
        memory.putLong(table + 8, length);
        memory.putLong(msg + MSG_IOV, table);
        memory.putLong(msg + MSG_IOVLEN, 1);
        return length;
    }

    /** Sets the host message's address from the guest's; returns 0 or -errno. */
    int name(SyscallContext call, SocketInfo info, long addr, long len) {
        long msg = scratch.base() + SocketScratch.MSGHDR;
        long name = scratch.base() + SocketScratch.NAME;
        if (addr == 0 || len == 0) {
            memory.putLong(msg + MSG_NAME, 0);
            memory.putInt(msg + MSG_NAMELEN, 0);
            return 0;
        }
        int hostLen = addresses.in(call, info, info.isInternet() ? NetworkPolicy.Operation.SEND : null, addr, len, name);
        if (hostLen < 0) {
            return hostLen;
        }
        memory.putLong(msg + MSG_NAME, name);
        memory.putInt(msg + MSG_NAMELEN, hostLen);
        return 0;
    }

    /**
     * The host msghdr of a guest sendmsg at {@code guestMsg}. Returns the data length, or -errno
     * (with nothing left pinned).
     */
    long forSend(SyscallContext call, SocketInfo info, long guestMsg, List<OpenFile> pinned) {
        AddressSpace guest = call.memory();
        if (!guest.isAccessible(guestMsg, SocketAbi.MSGHDR_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        long msg = scratch.base() + SocketScratch.MSGHDR;
        memory.fill(msg, SocketAbi.MSGHDR_SIZE, (byte) 0);
        long total = iovecs(call, guest.readLong(guestMsg + MSG_IOV), guest.readLong(guestMsg + MSG_IOVLEN), true);
        if (total < 0) {
            return total;
        }
        long nameAddr = guest.readLong(guestMsg + MSG_NAME);
        int nameLen = guest.readInt(guestMsg + MSG_NAMELEN);
        if (nameAddr != 0 && nameLen < 0) {
            return -Errno.EINVAL;
        }
        int r = name(call, info, nameAddr, nameAddr == 0 ? 0 : Math.min(nameLen, SOCKADDR_MAX));
        if (r < 0) {
            return r;
        }
        long control = guest.readLong(guestMsg + MSG_CONTROL);
        long controlLen = guest.readLong(guestMsg + MSG_CONTROLLEN);
        if (controlLen == 0) {
            return total;
        }
        if (Long.compareUnsigned(controlLen, SocketScratch.CONTROL_SIZE) > 0) {
            return -Errno.ENOBUFS;
        }
        long src = guest.hostAddress(control, controlLen, GuestMemory.PROT_READ);
        if (src < 0) {
            return -Errno.EFAULT;
        }
        long copy = scratch.base() + SocketScratch.CONTROL;
        memory.copy(copy, src, controlLen);
        int refused = rights.toHost(call, copy, controlLen, pinned);
        if (refused < 0) {
            return refused;
        }
        memory.putLong(msg + MSG_CONTROL, copy);
        memory.putLong(msg + MSG_CONTROLLEN, controlLen);
        return total;
    }

    /**
     * The host msghdr of a guest recvmsg at {@code guestMsg}: the address into scratch, the
     * control data straight into the guest's buffer. Returns the data length or -errno.
     */
    long forReceive(SyscallContext call, long guestMsg) {
        AddressSpace guest = call.memory();
        if (!guest.isAccessible(guestMsg, SocketAbi.MSGHDR_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        long msg = scratch.base() + SocketScratch.MSGHDR;
        memory.fill(msg, SocketAbi.MSGHDR_SIZE, (byte) 0);
        long total = iovecs(call, guest.readLong(guestMsg + MSG_IOV), guest.readLong(guestMsg + MSG_IOVLEN), false);
        if (total < 0) {
            return total;
        }
        if (guest.readLong(guestMsg + MSG_NAME) != 0) {
            memory.putLong(msg + MSG_NAME, scratch.base() + SocketScratch.NAME);
            memory.putInt(msg + MSG_NAMELEN, SOCKADDR_MAX);
        }
        long control = guest.readLong(guestMsg + MSG_CONTROL);
        long controlLen = guest.readLong(guestMsg + MSG_CONTROLLEN);
        if (controlLen > 0 && control != 0) {
            long h = guest.hostAddress(control, Math.min(controlLen, Integer.MAX_VALUE), GuestMemory.PROT_WRITE);
            if (h < 0) {
                return -Errno.EFAULT;
            }
            memory.putLong(msg + MSG_CONTROL, h);
            memory.putLong(msg + MSG_CONTROLLEN, Math.min(controlLen, Integer.MAX_VALUE));
        }
        return total;
    }

    /**
     * After a successful receive: received fds become guest fds, and the address, control length
     * and flags go back into the guest's msghdr. Returns 0 or -EFAULT.
     */
    int afterReceive(SyscallContext call, long guestMsg, int guestFlags) {
        AddressSpace guest = call.memory();
        long msg = scratch.base() + SocketScratch.MSGHDR;
        int flags = memory.getInt(msg + MSG_FLAGS);
        long control = memory.getLong(msg + MSG_CONTROL);
        long controlLen = memory.getLong(msg + MSG_CONTROLLEN);
        if (control != 0 && controlLen > 0) {
            flags |= rights.toGuest(call, control, controlLen, (guestFlags & SocketAbi.MSG_CMSG_CLOEXEC) != 0,
                (guestFlags & SocketAbi.MSG_PEEK) != 0);
        }
        guest.writeLong(guestMsg + MSG_CONTROLLEN, control == 0 ? 0 : controlLen);
        guest.writeInt(guestMsg + MSG_FLAGS, flags);
        long nameAddr = guest.readLong(guestMsg + MSG_NAME);
        if (nameAddr != 0) {
            int guestLen = guest.readInt(guestMsg + MSG_NAMELEN);
            int hostLen = memory.getInt(msg + MSG_NAMELEN);
            return addresses.out(call, scratch.base() + SocketScratch.NAME, hostLen, nameAddr,
                Math.max(0, Math.min(guestLen, SOCKADDR_MAX)), guestMsg + MSG_NAMELEN);
        }
        return 0;
    }

    /** Drops {@code bytes} from the front of the host iovec table; for resumed stream transfers. */
    void advance(long bytes) {
        long msg = scratch.base() + SocketScratch.MSGHDR;
        long table = memory.getLong(msg + MSG_IOV);
        long count = memory.getLong(msg + MSG_IOVLEN);
        long left = bytes;
        while (count > 0) {
            long len = memory.getLong(table + 8);
            if (left < len) {
                memory.putLong(table, memory.getLong(table) + left);
                memory.putLong(table + 8, len - left);
                break;
            }
            left -= len;
            table += IOVEC_SIZE;
            count--;
        }
        memory.putLong(msg + MSG_IOV, table);
        memory.putLong(msg + MSG_IOVLEN, count);
    }

    /** Later chunks of a stream transfer carry neither address nor control data. */
    void dropNameAndControl() {
        long msg = scratch.base() + SocketScratch.MSGHDR;
        memory.putLong(msg + MSG_NAME, 0);
        memory.putInt(msg + MSG_NAMELEN, 0);
        memory.putLong(msg + MSG_CONTROL, 0);
        memory.putLong(msg + MSG_CONTROLLEN, 0);
    }
}
