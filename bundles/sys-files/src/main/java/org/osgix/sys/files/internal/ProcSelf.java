package org.osgix.sys.files.internal;

import java.util.Set;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * The /proc/self (= /proc/GUESTPID) entries whose host meaning would describe the JVM instead of
 * the guest. Links: {@code /proc/self} itself, {@code exe} (the guest program), {@code cwd},
 * {@code root} and {@code fd/N} (guest fd N, whose host fd has another number; also reached
 * through {@code /dev/fd/N} and {@code /dev/stdin|stdout|stderr}). Files and directories opened
 * for reading: {@code fd/} and {@code fdinfo/} list the guest's descriptors, {@code fdinfo/N} is
 * guest fd N's ({@link FdInfoContent}: a pidfd's Pid: is the guest pid), and {@code maps},
 * {@code status}, {@code stat}, {@code statm}, {@code limits}, {@code cmdline}, {@code comm},
 * {@code task/TID/comm}, {@code auxv} and {@code environ} are synthesized ({@link ProcFiles}).
 * Everything else under /proc passes to the host unchanged.
 */
final class ProcSelf {
    private static final String PROC = "/proc/";
    private static final String DEV_FD = "/dev/fd/";
    private static final String FDINFO = "fdinfo/";
    private static final byte DT_LNK = 10, DT_REG = 8;
    /**
     * Entries whose host content is the JVM's memory or its threads' state and that have no
     * guest version yet: refused as Linux refuses them to a reader without ptrace access.
     */
    private static final Set<String> JVM_ONLY = Set.of("mem", "pagemap", "map_files", "smaps", "smaps_rollup",
        "numa_maps", "syscall", "stack");

    /** A readlink answer: the target (a byte string), or a negative errno. */
    record Link(String target, int error) {
    }

    private final PathResolver paths;
    private final ProcFiles files;

    ProcSelf(Host host, PathResolver paths, Scratch scratch) {
        this.paths = paths;
        this.files = new ProcFiles(host, paths, scratch);
    }

    /**
     * The host path for an absolute guest path that names a guest-specific /proc entry, or null
     * when the path is an ordinary one.
     */
    AtPath resolve(SyscallContext call, String path, boolean followLast) {
        String entry = selfEntry(call, path);
        if (entry != null) {
            if (JVM_ONLY.contains(entry.indexOf('/') < 0 ? entry : entry.substring(0, entry.indexOf('/')))) {
                return AtPath.failure(Errno.EACCES);
            }
            if (isDirectory(entry, "fd") || entry.startsWith("fd/.") || isDirectory(entry, "fdinfo")
                    || entry.startsWith("fdinfo/.")) {
                return null; // the host's fd directory (and its . and ..) stands in for the guest's
            }
            if (entry.startsWith(FDINFO)) {
                return infoPath(call, entry);
            }
            if (!followLast) {
                // the host's own links are the same kind of file; only fd/N must name the guest fd
                return entry.startsWith("fd/") && entry.indexOf('/', 3) < 0 ? descriptorPath(call, entry, 3) : null;
            }
            return switch (entry) {
                case "exe" -> paths.resolve(call, Host.AT_FDCWD, GuestPaths.ofText(call.process().executable()),
                    false, true);
                case "root" -> paths.resolve(call, Host.AT_FDCWD, "/", false, true);
                default -> entry.startsWith("fd/") ? descriptorPath(call, entry, 3) : null;
            };
        }
        if (OtherGuests.refused(call, path)) {
            return AtPath.failure(Errno.EACCES);
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
            return switch (entry) {
                case "" -> new Link(Integer.toString(call.process().pid()), 0);
                case "exe" -> new Link(GuestPaths.ofText(call.process().executable()), 0);
                case "root" -> new Link("/", 0);
                case "cwd" -> {
                    PathResolver.GuestDirectory cwd = paths.guestCwd(call);
                    yield new Link(cwd.path(), cwd.error());
                }
                default -> entry.startsWith("fd/") ? descriptorLink(call, entry, 3) : null;
            };
        }
        return path.startsWith(DEV_FD) ? descriptorLink(call, path, DEV_FD.length()) : null;
    }

    /**
     * Opens a synthesized entry for reading: the guest fd, a negative errno, or null when the
     * path is no such entry (or is opened for writing, which the host's entry answers).
     */
    Integer open(SyscallContext call, String path, int flags) {
        String entry = selfEntry(call, path);
        if (entry == null || (flags & OpenFile.O_ACCMODE) != OpenFile.O_RDONLY || (flags & OpenFile.O_PATH) != 0) {
            return null;
        }
        if (isDirectory(entry, "fd")) {
            return files.openDescriptorDirectory(call, "fd", PROC + call.process().pid() + "/fd", flags, DT_LNK);
        }
        if (isDirectory(entry, "fdinfo")) {
            return files.openDescriptorDirectory(call, "fdinfo", PROC + call.process().pid() + "/fdinfo", flags, DT_REG);
        }
        String guestName = PROC + call.process().pid() + "/" + entry;
        if (entry.startsWith(FDINFO)) {
            int fd = fdNumber(entry, FDINFO.length(), entry.length());
            FdSnapshot slot = fd < 0 ? null : call.fds().get(fd);
            return slot == null ? -Errno.ENOENT : files.openFdInfo(call, slot, guestName, flags);
        }
        return files.open(call, entry, guestName, flags);
    }

    /** {@code name} ("fd", "fdinfo"), with any number of trailing slashes. */
    private static boolean isDirectory(String entry, String name) {
        if (!entry.startsWith(name)) {
            return false;
        }
        for (int i = name.length(); i < entry.length(); i++) {
            if (entry.charAt(i) != '/') {
                return false;
            }
        }
        return true;
    }

    /** What follows /proc/self/ (or /proc/PID/ for the guest's pid): "" for /proc/self; null otherwise. */
    static String selfEntry(SyscallContext call, String path) {
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

    /** /proc/self/fdinfo/N → the host's /proc/self/fdinfo/HOSTFD, the description pinned. */
    private AtPath infoPath(SyscallContext call, String entry) {
        int fd = fdNumber(entry, FDINFO.length(), entry.length());
        OpenFile file = fd < 0 ? null : call.fds().pinRaw(fd);
        if (file == null) {
            return AtPath.NO_ENTRY;
        }
        if (file.hostFd() < 0) {
            file.unpin();
            return AtPath.failure(Errno.ENOENT); // a synthesized description has no host fdinfo to stat
        }
        return AtPath.naming(file, "/proc/self/fdinfo/" + file.hostFd());
    }

    /** /proc/self/fd/N[/rest] → the host's /proc/self/fd/HOSTFD[/rest], the description pinned. */
    private AtPath descriptorPath(SyscallContext call, String s, int start) {
        int slash = s.indexOf('/', start);
        int end = slash < 0 ? s.length() : slash;
        int fd = fdNumber(s, start, end);
        if (fd < 0) {
            return AtPath.NO_ENTRY;
        }
        OpenFile file = call.fds().pinRaw(fd);
        if (file == null) {
            return AtPath.NO_ENTRY;
        }
        if (file.hostFd() < 0) {
            file.unpin();
            return AtPath.failure(Errno.ENXIO); // Linux cannot reopen anonymous files either
        }
        return AtPath.naming(file, "/proc/self/fd/" + file.hostFd() + s.substring(end));
    }

    /** readlink of /proc/self/fd/N: what the guest opened, in guest terms. */
    private Link descriptorLink(SyscallContext call, String s, int start) {
        int fd = fdNumber(s, start, s.length());
        OpenFile file = fd < 0 ? null : call.fds().pinRaw(fd);
        if (file == null) {
            return new Link(null, -Errno.ENOENT);
        }
        try {
            // an anonymous inode's recorded name is the guest's (a signalfd's host fd is an epoll carrier)
            if (file.hostFd() < 0 || file.attachment() instanceof ProcFiles.GuestNamed
                    || file.path() != null && file.path().startsWith("anon_inode:")) {
                return new Link(file.path() != null ? file.path() : "anon_inode:[unknown]", 0);
            }
            String target = paths.hostLinkTarget(file.hostFd());
            if (target == null) {
                return new Link(null, -Errno.ENOENT);
            }
            return new Link(target.startsWith("/") ? paths.toGuest(call, target) : target, 0);
        } finally {
            file.unpin();
        }
    }
}
