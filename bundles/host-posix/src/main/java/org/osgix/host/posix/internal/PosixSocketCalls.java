package org.osgix.host.posix.internal;

/**
 * The part of {@link PosixHost} that serves sockets. Every send adds MSG_NOSIGNAL: a guest's
 * SIGPIPE is the guest's business (its family decides), never the host JVM's.
 */
abstract class PosixSocketCalls extends PosixFileCalls {
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final long SYS_KCMP = 312;
    private static final int KCMP_FILE = 0;

    PosixSocketCalls(ErrnoTranslation errnoTranslation) {
        super(errnoTranslation);
        SocketLibC.load();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return checked(SocketLibC.socket(domain, type, protocol));
    }

    @Override
    public long socketpair(int domain, int type, int protocol) {
        int[] fds = new int[2];
        if (SocketLibC.socketpair(domain, type, protocol, fds) == -1) {
            return -lastErrno();
        }
        return (long) fds[0] << 32 | (fds[1] & 0xFFFF_FFFFL);
    }

    @Override
    public int bind(int fd, long addr, int addrLen) {
        return checked(SocketLibC.bind(fd, addr, addrLen));
    }

    @Override
    public int listen(int fd, int backlog) {
        return checked(SocketLibC.listen(fd, backlog));
    }

    @Override
    public int accept4(int fd, long addr, long addrLenPtr, int flags) {
        return checked(SocketLibC.accept4(fd, addr, addrLenPtr, flags));
    }

    @Override
    public int connect(int fd, long addr, int addrLen) {
        return checked(SocketLibC.connect(fd, addr, addrLen));
    }

    @Override
    public int shutdown(int fd, int how) {
        return checked(SocketLibC.shutdown(fd, how));
    }

    @Override
    public long sendto(int fd, long buf, long len, int flags, long addr, int addrLen) {
        return checked(SocketLibC.sendto(fd, buf, len, flags | MSG_NOSIGNAL, addr, addrLen));
    }

    @Override
    public long recvfrom(int fd, long buf, long len, int flags, long addr, long addrLenPtr) {
        return checked(SocketLibC.recvfrom(fd, buf, len, flags, addr, addrLenPtr));
    }

    @Override
    public long sendmsg(int fd, long msghdr, int flags) {
        return checked(SocketLibC.sendmsg(fd, msghdr, flags | MSG_NOSIGNAL));
    }

    @Override
    public long recvmsg(int fd, long msghdr, int flags) {
        return checked(SocketLibC.recvmsg(fd, msghdr, flags));
    }

    @Override
    public int getsockname(int fd, long addr, long addrLenPtr) {
        return checked(SocketLibC.getsockname(fd, addr, addrLenPtr));
    }

    @Override
    public int getpeername(int fd, long addr, long addrLenPtr) {
        return checked(SocketLibC.getpeername(fd, addr, addrLenPtr));
    }

    @Override
    public int setsockopt(int fd, int level, int name, long value, int len) {
        return checked(SocketLibC.setsockopt(fd, level, name, value, len));
    }

    @Override
    public int getsockopt(int fd, int level, int name, long value, long lenPtr) {
        return checked(SocketLibC.getsockopt(fd, level, name, value, lenPtr));
    }

    @Override
    public int compareFiles(int fd1, int fd2) {
        int pid = LibC.getpid();
        return (int) checked(SocketLibC.syscall(SYS_KCMP, pid, pid, KCMP_FILE, fd1, fd2));
    }
}
