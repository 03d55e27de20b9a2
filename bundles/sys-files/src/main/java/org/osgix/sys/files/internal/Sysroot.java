package org.osgix.sys.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/**
 * A process's sysroot ({@code --sysroot=DIR}): guest absolute paths name files under DIR and can
 * never leave it, {@code ..} and symlinks included, because every lookup is an openat2 with
 * RESOLVE_IN_ROOT on a host fd of DIR. /proc, /dev and /sys stay the host's. The identity
 * sysroot ("/", the default) changes nothing and costs nothing.
 */
final class Sysroot {
    static final Sysroot IDENTITY = new Sysroot("", -1);
    private static final String[] HOST_TREES = {"/proc", "/dev", "/sys"};

    /** The host directory as a byte string without a trailing '/', "" for the identity. */
    private final String root;
    private final int rootFd;

    private Sysroot(String root, int rootFd) {
        this.root = root;
        this.rootFd = rootFd;
    }

    /** The sysroot of a launch option (UTF-8 text), opened on the host; the identity for null or "/". */
    static Sysroot open(Host host, String option) {
        if (option == null) {
            return IDENTITY;
        }
        String dir = GuestPaths.ofText(option);
        while (dir.endsWith("/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        if (dir.isEmpty()) {
            return IDENTITY;
        }
        int fd = host.openat(Host.AT_FDCWD, GuestPaths.toHost(dir), OpenFile.O_PATH | OpenFile.O_DIRECTORY
            | OpenFile.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IllegalStateException("sysroot " + option + " cannot be opened: errno " + -fd);
        }
        // host paths (getcwd, /proc/self/fd links) are canonical: so must the prefix be
        String canonical = canonicalPath(host, fd);
        return new Sysroot(canonical != null ? canonical : dir, fd);
    }

    private static String canonicalPath(Host host, int fd) {
        long buf = host.memory().allocate(GuestPaths.PATH_MAX);
        try {
            long n = host.readlinkat(Host.AT_FDCWD, GuestPaths.toHost("/proc/self/fd/" + fd), buf, GuestPaths.PATH_MAX);
            if (n <= 0) {
                return null;
            }
            byte[] bytes = new byte[(int) n];
            host.memory().get(buf, bytes, 0, (int) n);
            String path = GuestPaths.of(bytes, (int) n);
            return path.equals("/") ? "" : path;
        } finally {
            host.memory().free(buf);
        }
    }

    boolean isIdentity() {
        return rootFd < 0;
    }

    /** True for guest paths that stay the host's (/proc, /dev, /sys and what is below them). */
    static boolean isHostTree(String guestPath) {
        for (String tree : HOST_TREES) {
            if (guestPath.startsWith(tree)
                    && (guestPath.length() == tree.length() || guestPath.charAt(tree.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** The guest's view of a host absolute path: DIR/x is /x; paths outside DIR are shown as they are. */
    String toGuest(String hostPath) {
        if (isIdentity() || !hostPath.startsWith(root)) {
            return hostPath;
        }
        if (hostPath.length() == root.length()) {
            return "/";
        }
        return hostPath.charAt(root.length()) == '/' ? hostPath.substring(root.length()) : hostPath;
    }

    /** An open of the guest absolute path: openat2 on the root fd with RESOLVE_IN_ROOT. */
    AtPath forOpen(String guestPath) {
        return isHostTree(guestPath) ? AtPath.of(guestPath) : AtPath.inRoot(rootFd, guestPath, Host.RESOLVE_IN_ROOT);
    }

    /**
     * Any other call on the guest absolute path. Following the last component, the file itself is
     * opened (O_PATH) inside the root and named by its /proc magic link; not following it, the
     * parent directory is opened inside the root and the last name is looked up in it.
     */
    AtPath resolve(Host host, String guestPath, boolean followLast) {
        if (isHostTree(guestPath)) {
            return AtPath.of(guestPath);
        }
        if (followLast) {
            int fd = openInRoot(host, guestPath, 0);
            return fd < 0 ? AtPath.failure(-fd) : AtPath.owningMagicLink(host, fd);
        }
        int end = guestPath.length();
        while (end > 1 && guestPath.charAt(end - 1) == '/') {
            end--;
        }
        int slash = guestPath.lastIndexOf('/', end - 1);
        String parent = slash <= 0 ? "/" : guestPath.substring(0, slash);
        String name = guestPath.substring(slash + 1);
        String bare = guestPath.substring(slash + 1, end);
        if (bare.isEmpty() || bare.equals(".") || bare.equals("..")) {
            // "." and ".." must not be looked up from a parent that may be the root itself
            parent = guestPath;
            name = ".";
        }
        int fd = openInRoot(host, parent, OpenFile.O_DIRECTORY);
        return fd < 0 ? AtPath.failure(-fd) : AtPath.owning(host, fd, name);
    }

    private int openInRoot(Host host, String guestPath, int flags) {
        if (guestPath.length() >= GuestPaths.PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        return host.openat2(rootFd, GuestPaths.toHost(guestPath), OpenFile.O_PATH | OpenFile.O_CLOEXEC | flags, 0,
            Host.RESOLVE_IN_ROOT);
    }
}
