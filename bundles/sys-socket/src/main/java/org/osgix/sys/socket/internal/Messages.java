package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.MSG_CMSG_CLOEXEC;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_DONTWAIT;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_PEEK;
import static org.osgix.sys.socket.internal.SocketAbi.MSG_WAITALL;

import java.util.ArrayList;
import java.util.List;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.support.PerThread;

/**
 * sendto, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg. Every host call is non-blocking
 * (MSG_DONTWAIT); a guest call that may wait waits interruptibly for the host fd and tries again.
 * A blocking stream send goes on until every byte is sent, and MSG_WAITALL on a stream until the
 * buffer is full, as on Linux; an interruption after progress returns the progress.
 *
 * <p>SIGPIPE for EPIPE (unless MSG_NOSIGNAL) is raised around these handlers (SocketSigPipe).
 */
final class Messages {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Host host;
    private final NativeMemory memory;
    private final SocketScratch scratch;
    private final SocketFiles files;
    private final MessageHeaders headers;
    private final Blocking blocking;
    private final SocketAddresses addresses;
    /** Each thread's list of descriptions pinned by an outgoing SCM_RIGHTS message. */
    private final PerThread<List<OpenFile>> pinnedLists = new PerThread<>(ArrayList::new);
    private final Rights rights;

    Messages(Host host, SocketScratch scratch, SocketFiles files, MessageHeaders headers, Blocking blocking,
            SocketAddresses addresses, Rights rights) {
        this.host = host;
        this.memory = host.memory();
        this.scratch = scratch;
        this.files = files;
        this.headers = headers;
        this.blocking = blocking;
        this.addresses = addresses;
        this.rights = rights;
    }

    long sendto(SyscallContext call) {
        int fd = call.fdArg(0);
        int flags = call.intArg(3);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long total = headers.single(call, call.arg1(), call.arg2(), true);
            if (total < 0) {
                return total;
            }
            int r = headers.name(call, files.info(file), call.arg4(), call.arg5());
            if (r < 0) {
                return r;
            }
            return send(call, file, flags, total);
        } finally {
            file.unpin();
        }
    }

    long recvfrom(SyscallContext call) {
        int fd = call.fdArg(0);
        int flags = call.intArg(3);
        long addr = call.arg4();
        long lenPtr = call.arg5();
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long total = headers.single(call, call.arg1(), call.arg2(), false);
            if (total < 0) {
                return total;
            }
            long guestLen = SocketAddresses.guestLength(call, addr, lenPtr);
            if (guestLen < 0) {
                return guestLen;
            }
            long msg = scratch.base() + SocketScratch.MSGHDR;
            if (addr != 0) {
                memory.putLong(msg + SocketAbi.MSG_NAME, scratch.base() + SocketScratch.NAME);
                memory.putInt(msg + SocketAbi.MSG_NAMELEN, SocketAbi.SOCKADDR_MAX);
            }
            long r = receive(call, file, flags, total);
            if (r < 0 || addr == 0) {
                return r;
            }
            int out = addresses.out(call, scratch.base() + SocketScratch.NAME,
                memory.getInt(msg + SocketAbi.MSG_NAMELEN), addr, guestLen, lenPtr);
            return out < 0 ? out : r;
        } finally {
            file.unpin();
        }
    }

    long sendmsg(SyscallContext call) {
        int fd = call.fdArg(0);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            return sendOne(call, file, call.arg1(), call.intArg(2));
        } finally {
            file.unpin();
        }
    }

    long recvmsg(SyscallContext call) {
        int fd = call.fdArg(0);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            return receiveOne(call, file, call.arg1(), call.intArg(2));
        } finally {
            file.unpin();
        }
    }

    /** sendmmsg: datagrams until one fails; the count sent, or the first one's error. */
    long sendmmsg(SyscallContext call) {
        return multiple(call, true);
    }

    /**
     * recvmmsg: as many messages as wait (MSG_WAITFORONE: only the first may block). As on Linux
     * the timeout is checked after each message (a wait for one is not cut short) and what is
     * left of it is written back.
     */
    long recvmmsg(SyscallContext call) {
        return multiple(call, false);
    }

    private long multiple(SyscallContext call, boolean send) {
        int fd = call.fdArg(0);
        long vec = call.arg1();
        int vlen = (int) Math.min(Integer.toUnsignedLong(call.intArg(2)), SocketAbi.MMSG_MAX);
        int flags = call.intArg(3);
        long timeout = send ? 0 : call.arg4();
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long deadline = 0;
            if (timeout != 0) {
                if (!call.memory().isAccessible(timeout, 16, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
                    return -Errno.EFAULT;
                }
                long seconds = call.memory().readLong(timeout);
                long nanos = call.memory().readLong(timeout + 8);
                if (seconds < 0 || nanos < 0 || nanos >= NANOS_PER_SECOND) {
                    return -Errno.EINVAL;
                }
                long span = seconds >= Long.MAX_VALUE / NANOS_PER_SECOND / 2 ? Long.MAX_VALUE / 2
                    : seconds * NANOS_PER_SECOND + nanos;
                deadline = System.nanoTime() + span;
            }
            long r = transferMany(call, file, vec, vlen, flags, send, timeout, deadline);
            if (timeout != 0) {
                long left = Math.max(0, deadline - System.nanoTime());
                call.memory().writeLong(timeout, left / NANOS_PER_SECOND);
                call.memory().writeLong(timeout + 8, left % NANOS_PER_SECOND);
            }
            return r;
        } finally {
            file.unpin();
        }
    }

    private long transferMany(SyscallContext call, OpenFile file, long vec, int vlen, int flags, boolean send,
            long timeout, long deadline) {
        int done = 0;
        while (done < vlen) {
            long entry = vec + (long) done * SocketAbi.MMSGHDR_SIZE;
            int entryFlags = !send && done > 0 && (flags & SocketAbi.MSG_WAITFORONE) != 0 ? flags | MSG_DONTWAIT : flags;
            long r = send ? sendOne(call, file, entry, entryFlags) : receiveOne(call, file, entry, entryFlags);
            if (r < 0) {
                return done > 0 ? done : r;
            }
            if (!call.memory().isAccessible(entry + SocketAbi.MMSG_LEN, 4, GuestMemory.PROT_WRITE)) {
                return done > 0 ? done : -Errno.EFAULT;
            }
            call.memory().writeInt(entry + SocketAbi.MMSG_LEN, (int) r);
            done++;
            if (timeout != 0 && deadline - System.nanoTime() <= 0) {
                break;
            }
        }
        return done;
    }

    private long sendOne(SyscallContext call, OpenFile file, long guestMsg, int flags) {
        List<OpenFile> pinned = pinnedLists.get();
        long total = headers.forSend(call, files.info(file), guestMsg, pinned);
        if (total < 0) {
            return total;
        }
        long r = send(call, file, flags, total);
        if (pinned.isEmpty()) {
            return r;
        }
        if (r < 0) {
            Rights.release(pinned);
        } else {
            rights.sent(pinned);
        }
        return r;
    }

    private long receiveOne(SyscallContext call, OpenFile file, long guestMsg, int flags) {
        long total = headers.forReceive(call, guestMsg);
        if (total < 0) {
            return total;
        }
        long r = receive(call, file, flags, total);
        if (r < 0) {
            return r;
        }
        int out = headers.afterReceive(call, guestMsg, flags);
        return out < 0 ? out : r;
    }

    /** Sends the prepared host message, waiting as the guest's call would. */
    private long send(SyscallContext call, OpenFile file, int flags, long total) {
        int hostFd = file.hostFd();
        boolean waits = Blocking.waits(file, flags);
        boolean stream = files.info(file).isStream();
        long msg = scratch.base() + SocketScratch.MSGHDR;
        int hostFlags = flags & ~MSG_CMSG_CLOEXEC | MSG_DONTWAIT;
        long done = 0;
        while (true) {
            long r = host.sendmsg(hostFd, msg, hostFlags);
            if (r == -Errno.EAGAIN && waits) {
                int ready = blocking.await(call, hostFd, Host.POLLOUT);
                if (ready < 0) {
                    return done > 0 ? done : ready;
                }
                continue;
            }
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (!waits || !stream || done >= total) {
                return done;
            }
            headers.advance(r);
            headers.dropNameAndControl();
        }
    }

    /** Receives into the prepared host message, waiting as the guest's call would. */
    private long receive(SyscallContext call, OpenFile file, int flags, long total) {
        int hostFd = file.hostFd();
        boolean waits = Blocking.waits(file, flags);
        boolean fill = waits && (flags & MSG_WAITALL) != 0 && (flags & MSG_PEEK) == 0 && files.info(file).isStream();
        long msg = scratch.base() + SocketScratch.MSGHDR;
        long controlLen = memory.getLong(msg + SocketAbi.MSG_CONTROLLEN);
        // the host's fds always arrive close-on-exec; the guest's flag goes to its slots
        int hostFlags = flags & ~MSG_WAITALL | MSG_CMSG_CLOEXEC | MSG_DONTWAIT;
        long done = 0;
        while (true) {
            memory.putLong(msg + SocketAbi.MSG_CONTROLLEN, controlLen);
            long r = host.recvmsg(hostFd, msg, hostFlags);
            if (r == -Errno.EAGAIN && waits) {
                int ready = blocking.await(call, hostFd, Host.POLLIN);
                if (ready < 0) {
                    return done > 0 ? done : ready;
                }
                continue;
            }
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (!fill || r == 0 || done >= total || memory.getLong(msg + SocketAbi.MSG_CONTROLLEN) != 0) {
                return done;
            }
            headers.advance(r);
            controlLen = 0;
        }
    }
}
