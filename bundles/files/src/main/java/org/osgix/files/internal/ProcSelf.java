package org.osgix.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * The /proc/self entries whose host meaning would describe the JVM instead of the guest:
 * {@code /proc/self} itself, {@code /proc/self/exe} (the guest program) and
 * {@code /proc/self/fd/N} (guest fd N, whose host fd has another number), also reached through
 * {@code /dev/fd/N} and {@code /dev/stdin|stdout|stderr}. Everything else under /proc passes to
 * the host unchanged.
 */
final class ProcSelf {
    private static final String PROC = "/proc/";
    private static final String DEV_FD = "/dev/fd/";

    /** A readlink answer: the target, or a negative errno. */
    record Link(String target, int error) {
    }

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    ProcSelf(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    /**
     * The host path for an absolute guest path that names a guest-specific /proc entry, or null
     * when the path is an ordinary one.
     */
    AtPath resolve(SyscallContext call, String path, boolean followLast) {
        String entry = selfEntry(call, path);
        if (entry != null) {
            if (entry.equals("exe")) {
                // without following, the host's own /proc/self/exe is the same kind of link
                return followLast ? AtPath.of(paths.toHost(call.process().executable())) : null;
            }
            return entry.startsWith("fd/") ? descriptorPath(call, entry, 3) : null;
        }
        if (path.startsWith(DEV_FD)) {
            return descriptorPath(call, path, DEV_FD.length());
        }
        if (followLast && path.startsWith("/dev/std")) {
            int fd = standardStream(path);
            return fd >= 0 ? descriptorPath(call, Integer.toString(fd), 0) : null;
        }
        return null;
    }

    /** readlink of a guest-specific /proc entry, or null when the host's answer is right. */
    Link linkTarget(SyscallContext call, String path) {
        String entry = selfEntry(call, path);
        if (entry != null) {
            if (entry.isEmpty()) {
                return new Link(Integer.toString(call.process().pid()), 0);
            }
            if (entry.equals("exe")) {
                return new Link(call.process().executable(), 0);
            }
            return entry.startsWith("fd/") ? descriptorLink(call, entry, 3) : null;
        }
        return path.startsWith(DEV_FD) ? descriptorLink(call, path, DEV_FD.length()) : null;
    }

    /** What follows /proc/self/ (or /proc/PID/ for the guest's pid): "" for /proc/self; null otherwise. */
    private static String selfEntry(SyscallContext call, String path) {
        if (!path.startsWith(PROC)) {
            return null;
        }
        int slash = path.indexOf('/', PROC.length());
        String who = slash < 0 ? path.substring(PROC.length()) : path.substring(PROC.length(), slash);
        if (!who.equals("self") && !who.equals(Integer.toString(call.process().pid()))) {
            return null;
        }
        return slash < 0 ? "" : path.substring(slash + 1);
    }

    private static int standardStream(String path) {
        return switch (path) {
            case "/dev/stdin" -> 0;
            case "/dev/stdout" -> 1;
            case "/dev/stderr" -> 2;
            default -> -1;
        };
    }

    /** Parses the fd number at {@code start}; returns -1 unless digits end the path or a '/' follows. */
    private static int fdNumber(String s, int start, int end) {
        if (start == end || end - start > 9) {
            return -1;
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** /proc/self/fd/N[/rest] → the host's /proc/self/fd/HOSTFD[/rest], the description pinned. */
    private AtPath descriptorPath(SyscallContext call, String s, int start) {
        int slash = s.indexOf('/', start);
        int end = slash < 0 ? s.length() : slash;
        int fd = fdNumber(s, start, end);
        if (fd < 0) {
            return AtPath.NO_ENTRY;
        }
        OpenFile file = PathResolver.pin(call, fd);
        if (file == null) {
            return AtPath.NO_ENTRY;
        }
        if (file.hostFd() < 0) {
            file.unpin();
            return AtPath.failure(Errno.ENXIO); // Linux cannot reopen anonymous files either
        }
        return AtPath.naming(file, "/proc/self/fd/" + file.hostFd() + s.substring(end));
    }

    /** readlink of /proc/self/fd/N: the host's name for the host fd, in guest terms. */
    private Link descriptorLink(SyscallContext call, String s, int start) {
        int fd = fdNumber(s, start, s.length());
        OpenFile file = fd < 0 ? null : PathResolver.pin(call, fd);
        if (file == null) {
            return new Link(null, -Errno.ENOENT);
        }
        try {
            if (file.hostFd() < 0) {
                return new Link(file.path() != null ? file.path() : "anon_inode:[unknown]", 0);
            }
            long buf = scratch.address();
            long n = host.readlinkat(Host.AT_FDCWD, "/proc/self/fd/" + file.hostFd(), buf, PathResolver.PATH_MAX);
            if (n < 0) {
                return new Link(null, (int) n);
            }
            byte[] bytes = scratch.bytes();
            scratch.memory().get(buf, bytes, 0, (int) n);
            String target = new String(bytes, 0, (int) n, StandardCharsets.UTF_8);
            return new Link(target.startsWith("/") ? paths.toGuest(target) : target, 0);
        } finally {
            file.unpin();
        }
    }
}
