package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.AF_INET;
import static org.osgix.sys.socket.internal.SocketAbi.AF_INET6;
import static org.osgix.sys.socket.internal.SocketAbi.AF_NETLINK;
import static org.osgix.sys.socket.internal.SocketAbi.AF_UNIX;
import static org.osgix.sys.socket.internal.SocketAbi.SOCK_CLOEXEC;
import static org.osgix.sys.socket.internal.SocketAbi.SOCK_NONBLOCK;
import static org.osgix.sys.socket.internal.SocketAbi.SOCK_TYPE_MASK;

import org.osgix.fd.FdTable;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.net.NetworkPolicy;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * socket, socketpair, bind, listen, connect, accept, accept4, shutdown, getsockname,
 * getpeername: each a host call on the socket's host fd, with addresses translated.
 */
final class Sockets {
    /** How long a connect to a full AF_UNIX backlog naps between tries. */
    private static final long BACKLOG_NAP_NANOS = 10_000_000L;

    private final Host host;
    private final SocketScratch scratch;
    private final SocketFiles files;
    private final SocketAddresses addresses;
    private final Blocking blocking;

    Sockets(Host host, SocketScratch scratch, SocketFiles files, SocketAddresses addresses, Blocking blocking) {
        this.host = host;
        this.scratch = scratch;
        this.files = files;
        this.addresses = addresses;
        this.blocking = blocking;
    }

    long socket(SyscallContext call) {
        int domain = call.intArg(0);
        int type = call.intArg(1);
        int protocol = call.intArg(2);
        if ((type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (domain != AF_UNIX && domain != AF_INET && domain != AF_INET6 && domain != AF_NETLINK) {
            return -Errno.EAFNOSUPPORT;
        }
        int hostFd = host.socket(domain, type | SOCK_CLOEXEC, protocol);
        if (hostFd < 0) {
            return hostFd;
        }
        SocketInfo info = new SocketInfo(domain, type & SOCK_TYPE_MASK, protocol);
        return files.install(call.fds(), hostFd, info, (type & SOCK_CLOEXEC) != 0);
    }

    long socketpair(SyscallContext call) {
        int domain = call.intArg(0);
        int type = call.intArg(1);
        int protocol = call.intArg(2);
        long sv = call.arg3();
        if ((type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (domain != AF_UNIX && domain != AF_INET && domain != AF_INET6 && domain != AF_NETLINK) {
            return -Errno.EAFNOSUPPORT;
        }
        long pair = host.socketpair(domain, type | SOCK_CLOEXEC, protocol);
        if (pair < 0) {
            return pair;
        }
        int hostA = (int) (pair >>> 32);
        int hostB = (int) pair;
        // Linux creates the pair, then copies the numbers out (and undoes all on a fault)
        if (!call.memory().isAccessible(sv, 8, GuestMemory.PROT_WRITE)) {
            host.close(hostA);
            host.close(hostB);
            return -Errno.EFAULT;
        }
        SocketInfo info = new SocketInfo(domain, type & SOCK_TYPE_MASK, protocol);
        FdTable fds = call.fds();
        boolean cloexec = (type & SOCK_CLOEXEC) != 0;
        int a = files.install(fds, hostA, info, cloexec);
        if (a < 0) {
            host.close(hostB);
            return a;
        }
        int b = files.install(fds, hostB, info, cloexec);
        if (b < 0) {
            fds.close(a);
            return b;
        }
        try {
            call.memory().writeInt(sv, a);
            call.memory().writeInt(sv + 4, b);
        } catch (GuestFault fault) {
            fds.close(a);
            fds.close(b);
            return -Errno.EFAULT;
        }
        return 0;
    }

    long bind(SyscallContext call) {
        return addressed(call, NetworkPolicy.Operation.BIND);
    }

    long connect(SyscallContext call) {
        return addressed(call, NetworkPolicy.Operation.CONNECT);
    }

    /** bind or connect: the address in, then the host call. */
    private long addressed(SyscallContext call, NetworkPolicy.Operation operation) {
        int fd = call.fdArg(0);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long name = scratch.base() + SocketScratch.NAME;
            int len = addresses.in(call, files.info(file), operation, call.arg1(), call.arg2(), name);
            if (len < 0) {
                return len;
            }
            if (operation == NetworkPolicy.Operation.BIND) {
                return host.bind(file.hostFd(), name, len);
            }
            return Blocking.waits(file, 0) ? blockingConnect(call, file, name, len) : host.connect(file.hostFd(), name, len);
        } finally {
            file.unpin();
        }
    }

    /**
     * A connect that may wait: started without blocking the host thread, then waited for
     * interruptibly. As Linux: EINTR when interrupted (the connection goes on), EINPROGRESS when
     * SO_SNDTIMEO passes, the connection's error (SO_ERROR) otherwise.
     */
    private long blockingConnect(SyscallContext call, OpenFile file, long name, int len) {
        int hostFd = file.hostFd();
        while (true) {
            int r = withHostNonBlocking(file, () -> host.connect(hostFd, name, len));
            if (r == -Errno.EAGAIN) {
                // an AF_UNIX listener's backlog is full: Linux waits for room, here in short naps
                int slept = call.thread().awaitHostFd(hostFd, 0, BACKLOG_NAP_NANOS);
                if (slept < 0) {
                    return -Errno.EINTR;
                }
                continue;
            }
            if (r != -Errno.EINPROGRESS) {
                return r;
            }
            int ready = blocking.await(call, hostFd, Host.POLLOUT);
            if (ready < 0) {
                return ready == -Errno.EAGAIN ? -Errno.EINPROGRESS : ready;
            }
            long value = scratch.base() + SocketScratch.VALUE;
            long valueLen = scratch.base() + SocketScratch.LENGTH;
            scratch.memory().putInt(valueLen, 4);
            int got = host.getsockopt(hostFd, SocketAbi.SOL_SOCKET, SocketAbi.SO_ERROR, value, valueLen);
            return got < 0 ? got : -scratch.memory().getInt(value);
        }
    }

    /**
     * Runs a host call that has no per-call non-blocking flag (connect, accept4) with the host fd
     * non-blocking, under the description's F_SETFL lock (fcntl and FIONBIO take it too), so the
     * host thread never blocks where the guest thread could not be interrupted.
     */
    private int withHostNonBlocking(OpenFile file, java.util.function.IntSupplier hostCall) {
        int hostFd = file.hostFd();
        synchronized (file) {
            int flags = host.fcntl(hostFd, Host.F_GETFL, 0);
            if (flags < 0) {
                return flags;
            }
            if ((flags & OpenFile.O_NONBLOCK) != 0) {
                return hostCall.getAsInt();
            }
            host.fcntl(hostFd, Host.F_SETFL, flags | OpenFile.O_NONBLOCK);
            try {
                return hostCall.getAsInt();
            } finally {
                host.fcntl(hostFd, Host.F_SETFL, flags);
            }
        }
    }

    long listen(SyscallContext call) {
        int fd = call.fdArg(0);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            return host.listen(file.hostFd(), call.intArg(1));
        } finally {
            file.unpin();
        }
    }

    long shutdown(SyscallContext call) {
        int fd = call.fdArg(0);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            return host.shutdown(file.hostFd(), call.intArg(1));
        } finally {
            file.unpin();
        }
    }

    long accept(SyscallContext call) {
        return accept(call, 0);
    }

    long accept4(SyscallContext call) {
        return accept(call, call.intArg(3));
    }

    private long accept(SyscallContext call, int flags) {
        int fd = call.fdArg(0);
        long addr = call.arg1();
        long lenPtr = call.arg2();
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long guestLen = SocketAddresses.guestLength(call, addr, lenPtr);
            if (guestLen < 0) {
                return guestLen;
            }
            int hostFd = file.hostFd();
            long name = scratch.base() + SocketScratch.NAME;
            long nameLen = scratch.base() + SocketScratch.LENGTH;
            int accepted;
            int hostFlags = (flags & SOCK_NONBLOCK) | SOCK_CLOEXEC;
            while (true) {
                scratch.memory().putInt(nameLen, SocketAbi.SOCKADDR_MAX);
                if (!Blocking.waits(file, 0)) {
                    accepted = host.accept4(hostFd, name, nameLen, hostFlags);
                    if (accepted < 0) {
                        return accepted;
                    }
                    break;
                }
                accepted = withHostNonBlocking(file, () -> host.accept4(hostFd, name, nameLen, hostFlags));
                if (accepted == -Errno.EAGAIN) {
                    // another thread may take the connection first: then this one waits again
                    int ready = blocking.await(call, hostFd, Host.POLLIN);
                    if (ready < 0) {
                        return ready;
                    }
                    continue;
                }
                if (accepted < 0) {
                    return accepted;
                }
                break;
            }
            int r = addresses.out(call, name, scratch.memory().getInt(nameLen), addr, guestLen, lenPtr);
            if (r < 0) {
                host.close(accepted);
                return r;
            }
            return files.install(call.fds(), accepted, files.info(file), (flags & SOCK_CLOEXEC) != 0);
        } finally {
            file.unpin();
        }
    }

    long getsockname(SyscallContext call) {
        return name(call, false);
    }

    long getpeername(SyscallContext call) {
        return name(call, true);
    }

    private long name(SyscallContext call, boolean peer) {
        int fd = call.fdArg(0);
        long addr = call.arg1();
        long lenPtr = call.arg2();
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            // Linux reads the length before asking the socket (EFAULT, EINVAL first)
            if (!call.memory().isAccessible(lenPtr, 4, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
                return -Errno.EFAULT;
            }
            int guestLen = call.memory().readInt(lenPtr);
            if (guestLen < 0) {
                return -Errno.EINVAL;
            }
            long name = scratch.base() + SocketScratch.NAME;
            long nameLen = scratch.base() + SocketScratch.LENGTH;
            scratch.memory().putInt(nameLen, SocketAbi.SOCKADDR_MAX);
            int r = peer ? host.getpeername(file.hostFd(), name, nameLen) : host.getsockname(file.hostFd(), name, nameLen);
            if (r < 0) {
                return r;
            }
            int len = scratch.memory().getInt(nameLen);
            if (guestLen == 0) {
                call.memory().writeInt(lenPtr, len);
                return 0;
            }
            return addresses.out(call, name, len, addr == 0 ? -1 : addr, guestLen, lenPtr);
        } finally {
            file.unpin();
        }
    }
}
