package org.osgix.host.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** The host C library's socket calls through JNA direct mapping (raw addresses, libc names). */
final class SocketLibC {
    static {
        Native.register(SocketLibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private SocketLibC() {
    }

    /** Forces the registration (and a link failure) at start-up rather than at the first call. */
    static void load() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int socketpair(int domain, int type, int protocol, int[] fds);

    static native int bind(int fd, long addr, int addrLen);

    static native int listen(int fd, int backlog);

    static native int accept4(int fd, long addr, long addrLenPtr, int flags);

    static native int connect(int fd, long addr, int addrLen);

    static native int shutdown(int fd, int how);

    static native long sendto(int fd, long buf, long len, int flags, long addr, int addrLen);

    static native long recvfrom(int fd, long buf, long len, int flags, long addr, long addrLenPtr);

    static native long sendmsg(int fd, long msghdr, int flags);

    static native long recvmsg(int fd, long msghdr, int flags);

    static native int getsockname(int fd, long addr, long addrLenPtr);

    static native int getpeername(int fd, long addr, long addrLenPtr);

    static native int setsockopt(int fd, int level, int name, long value, int len);

    static native int getsockopt(int fd, int level, int name, long value, long lenPtr);

    /** syscall(2) with five integer arguments (kcmp has no glibc wrapper). */
    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5);
}
