package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * getxattr, setxattr, listxattr, removexattr and their l- (the link itself) and f- (a descriptor)
 * forms. Values and lists move straight between the host and guest memory.
 */
final class ExtendedAttributes {
    /** Linux XATTR_NAME_MAX: a name of 1 to 255 bytes, else ERANGE. */
    private static final int XATTR_NAME_MAX = 255;
    /** Linux XATTR_SIZE_MAX: get and list never look at more of the buffer than this. */
    private static final long XATTR_SIZE_MAX = 65536;

    private final Host host;
    private final PathResolver paths;

    ExtendedAttributes(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    long getxattr(SyscallContext call) {
        return get(call, true);
    }

    long lgetxattr(SyscallContext call) {
        return get(call, false);
    }

    long fgetxattr(SyscallContext call) {
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        long size = Math.min(call.arg3(), XATTR_SIZE_MAX);
        long value = buffer(call, call.arg2(), size, GuestMemory.PROT_WRITE);
        if (value < 0) {
            return value;
        }
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF,
            hostFd -> host.fgetxattr(hostFd, name, value, size));
    }

    private long get(SyscallContext call, boolean follow) {
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        long size = Math.min(call.arg3(), XATTR_SIZE_MAX);
        long value = buffer(call, call.arg2(), size, GuestMemory.PROT_WRITE);
        if (value < 0) {
            return value;
        }
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, follow,
            at -> host.getxattr(at.pathOnly(), name, value, size, follow));
    }

    long listxattr(SyscallContext call) {
        return list(call, true);
    }

    long llistxattr(SyscallContext call) {
        return list(call, false);
    }

    long flistxattr(SyscallContext call) {
        long size = Math.min(call.arg2(), XATTR_SIZE_MAX);
        long list = buffer(call, call.arg1(), size, GuestMemory.PROT_WRITE);
        if (list < 0) {
            return list;
        }
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF, hostFd -> host.flistxattr(hostFd, list, size));
    }

    private long list(SyscallContext call, boolean follow) {
        long size = Math.min(call.arg2(), XATTR_SIZE_MAX);
        long list = buffer(call, call.arg1(), size, GuestMemory.PROT_WRITE);
        if (list < 0) {
            return list;
        }
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, follow,
            at -> host.listxattr(at.pathOnly(), list, size, follow));
    }

    long setxattr(SyscallContext call) {
        return set(call, true);
    }

    long lsetxattr(SyscallContext call) {
        return set(call, false);
    }

    long fsetxattr(SyscallContext call) {
        if (badSetFlags(call)) {
            return -Errno.EINVAL;
        }
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        long size = call.arg3();
        int flags = call.intArg(4);
        long value = size > XATTR_SIZE_MAX ? 0 : buffer(call, call.arg2(), size, GuestMemory.PROT_READ);
        if (value < 0) {
            return value;
        }
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF,
            hostFd -> host.fsetxattr(hostFd, name, value, size, flags));
    }

    /** Linux checks setxattr's flags (XATTR_CREATE, XATTR_REPLACE) before the name and the value. */
    private static boolean badSetFlags(SyscallContext call) {
        return (call.intArg(4) & ~3) != 0; // an int in Linux
    }

    private long set(SyscallContext call, boolean follow) {
        if (badSetFlags(call)) {
            return -Errno.EINVAL;
        }
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        long size = call.arg3();
        int flags = call.intArg(4);
        // an oversized value is the host's E2BIG; it never reads the buffer then
        long value = size > XATTR_SIZE_MAX ? 0 : buffer(call, call.arg2(), size, GuestMemory.PROT_READ);
        if (value < 0) {
            return value;
        }
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, follow,
            at -> host.setxattr(at.pathOnly(), name, value, size, flags, follow));
    }

    long removexattr(SyscallContext call) {
        return remove(call, true);
    }

    long lremovexattr(SyscallContext call) {
        return remove(call, false);
    }

    long fremovexattr(SyscallContext call) {
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF, hostFd -> host.fremovexattr(hostFd, name));
    }

    private long remove(SyscallContext call, boolean follow) {
        byte[] name = name(call, call.arg1());
        if (name == null) {
            return -Errno.ERANGE;
        }
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, follow,
            at -> host.removexattr(at.pathOnly(), name, follow));
    }

    /** The attribute name as host bytes, or null (ERANGE) when empty or longer than 255 bytes. */
    private byte[] name(SyscallContext call, long addr) {
        String name = paths.read(call, addr);
        if (name == null || name.isEmpty() || name.length() > XATTR_NAME_MAX) {
            return null;
        }
        return GuestPaths.toHost(name);
    }

    /** The host address of a value buffer (0 for an empty one), or -EFAULT. */
    private static long buffer(SyscallContext call, long addr, long size, int access) {
        if (size == 0) {
            return 0;
        }
        long h = call.memory().hostAddress(addr, size, access);
        return h < 0 ? -Errno.EFAULT : h;
    }
}
