package org.osgix.kernel.internal;

import static org.osgix.ioctl.IoctlRequests.TCGETS;
import static org.osgix.syscall.FileStat.ST_MODE;
import static org.osgix.syscall.FileStat.S_IFCHR;
import static org.osgix.syscall.FileStat.S_IFDIR;
import static org.osgix.syscall.FileStat.S_IFIFO;
import static org.osgix.syscall.FileStat.S_IFMT;
import static org.osgix.syscall.FileStat.S_IFREG;
import static org.osgix.syscall.FileStat.S_IFSOCK;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * Gives a guest the launcher's fds 0, 1 and 2, and the other fds ./osgix inherited (launch option
 * "inherited-fds", e.g. GNU make's jobserver pipes), at the same numbers. Each is a private host dup (close-on-exec on the
 * host), so a guest closing its stdout does not close the JVM's. Launch options "stdin",
 * "stdout" and "stderr" name host files to use instead (outputs are created or truncated), so
 * a guest run inside a framework (integration tests) can have its own stdio.
 */
final class Stdio {
    private final Host host;

    Stdio(Host host) {
        this.host = host;
    }

    private static final String[] OPTIONS = {"stdin", "stdout", "stderr"};
    /** Launch option: the fds above 2 that ./osgix inherited without close-on-exec ("3,4"). */
    static final String INHERITED = "inherited-fds";
    private static final int O_WRONLY_CREAT_TRUNC_CLOEXEC = 01 | 0100 | 01000 | 02000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;

    /** Installs fds 0–2; returns null, or a message naming a redirection that failed. */
    String inherit(FdTable fds, java.util.function.Function<String, String> options) {
        for (int fd = 0; fd <= 2; fd++) {
            String file = options.apply(OPTIONS[fd]);
            int hostFd;
            if (file != null) {
                hostFd = host.openat(Host.AT_FDCWD, file, fd == 0 ? O_RDONLY_CLOEXEC : O_WRONLY_CREAT_TRUNC_CLOEXEC, 0644);
                if (hostFd < 0) {
                    return "cannot open " + file + " for " + OPTIONS[fd] + " (" + ErrnoNames.name(-hostFd) + ")";
                }
            } else {
                hostFd = host.fcntl(fd, Host.F_DUPFD_CLOEXEC, 3);
            }
            if (hostFd < 0) {
                continue; // the launcher itself has no such fd: neither has the guest
            }
            int flags = host.fcntl(hostFd, Host.F_GETFL, 0);
            int got = fds.open(kind(hostFd), hostFd, Math.max(flags, 0), name(hostFd), null, false);
            if (got >= 0 && got != fd) {
                fds.dup2(got, fd, false, false);
                fds.close(got);
            }
        }
        String inherited = options.apply(INHERITED);
        if (inherited != null && !inherited.isBlank()) {
            for (String n : inherited.split(",")) {
                inheritAt(fds, Integer.parseInt(n.trim()));
            }
        }
        return null;
    }

    /** The launcher's fd {@code fd} (inherited by ./osgix, not close-on-exec) at the same number. */
    private void inheritAt(FdTable fds, int fd) {
        int hostFd = host.fcntl(fd, Host.F_DUPFD_CLOEXEC, 3);
        if (hostFd < 0) {
            return; // gone since the script looked
        }
        adopt(fds, hostFd, fd);
    }

    /** Makes host fd {@code hostFd} (close-on-exec, owned by the table from now on) guest fd {@code fd}. */
    void adopt(FdTable fds, int hostFd, int fd) {
        int flags = host.fcntl(hostFd, Host.F_GETFL, 0);
        int got = fds.open(kind(hostFd), hostFd, Math.max(flags, 0), name(hostFd), null, false);
        if (got >= 0 && got != fd) {
            fds.dup2(got, fd, false, false);
            fds.close(got);
        }
    }

    private FileKind kind(int hostFd) {
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        try {
            if (host.fstat(hostFd, buf) < 0) {
                return FileKind.OTHER;
            }
            int mode = mem.getInt(buf + ST_MODE) & S_IFMT;
            return switch (mode) {
                case S_IFREG -> FileKind.REGULAR;
                case S_IFDIR -> FileKind.DIRECTORY;
                case S_IFIFO -> FileKind.PIPE;
                case S_IFSOCK -> FileKind.SOCKET;
                case S_IFCHR -> host.ioctl(hostFd, TCGETS, buf) == 0 ? FileKind.TTY : FileKind.CHARACTER_DEVICE;
                default -> FileKind.OTHER;
            };
        } finally {
            mem.free(buf);
        }
    }

    private static String name(int hostFd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + hostFd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
