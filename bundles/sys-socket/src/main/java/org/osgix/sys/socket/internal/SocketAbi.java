package org.osgix.sys.socket.internal;

/** The Linux x86_64 socket constants and layouts the family uses (one place for all of them). */
final class SocketAbi {
    static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;
    static final int SOCK_TYPE_MASK = 0xf;
    static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3, SO_ERROR = 4, SO_RCVTIMEO_OLD = 20, SO_SNDTIMEO_OLD = 21, SO_PROTOCOL = 38,
        SO_DOMAIN = 39, SO_RCVTIMEO_NEW = 66, SO_SNDTIMEO_NEW = 67;
    static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
    /** Linux SCM_MAX_FD: descriptors one SCM_RIGHTS message may carry. */
    static final int SCM_MAX_FD = 253;

    static final int MSG_OOB = 1, MSG_PEEK = 2, MSG_CTRUNC = 8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40,
        MSG_EOR = 0x80, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_WAITFORONE = 0x10000,
        MSG_CMSG_CLOEXEC = 0x40000000;

    static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    /** sizeof(struct sockaddr_storage): the longest address a call copies in. */
    static final int SOCKADDR_MAX = 128;
    /** offsetof(struct sockaddr_un, sun_path) and sizeof(sun_path). */
    static final int SUN_PATH_OFFSET = 2, SUN_PATH_MAX = 108;
    /** struct sockaddr_in6: sin6_port at 2, sin6_flowinfo at 4, sin6_addr at 8, sin6_scope_id at 24. */
    static final int SOCKADDR_IN_SIZE = 16, SOCKADDR_IN6_SIZE = 28;

    /** struct msghdr: 56 bytes. */
    static final int MSGHDR_SIZE = 56, MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24,
        MSG_CONTROL = 32, MSG_CONTROLLEN = 40, MSG_FLAGS = 48;
    /** struct mmsghdr: a msghdr and the unsigned msg_len, padded to 64 bytes. */
    static final int MMSGHDR_SIZE = 64, MMSG_LEN = 56;
    /** struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type, data aligned to 8. */
    static final int CMSG_HEADER = 16, CMSG_LEVEL = 8, CMSG_TYPE = 12, CMSG_ALIGN = 8;
    static final int IOVEC_SIZE = 16;
    /** Linux UIO_MAXIOV: iovecs one call may pass. */
    static final int UIO_MAXIOV = 1024;
    /** Linux UIO_MAXIOV also bounds sendmmsg/recvmmsg's vlen. */
    static final int MMSG_MAX = 1024;
    /** Linux MAX_RW_COUNT. */
    static final long MAX_RW_COUNT = 0x7ffff000L;


    private SocketAbi() {
    }

    static long cmsgAlign(long len) {
        return (len + CMSG_ALIGN - 1) & ~(long) (CMSG_ALIGN - 1);
    }
}
