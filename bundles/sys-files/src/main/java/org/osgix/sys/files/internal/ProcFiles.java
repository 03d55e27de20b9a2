package org.osgix.sys.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * Opens the synthesized /proc/self entries. A file ({@code maps}, {@code status}, ...) becomes a
 * read-only description of a host memfd holding its content, made at open as Linux makes it at
 * the first read, so read, pread, lseek, fstat and mmap all just work. The {@code fd} directory
 * is a description of the host's /proc/self/fd directory (so fstat, fchdir and lseek work) whose
 * getdents64 lists the guest's descriptor table instead ({@link DescriptorDirectory}).
 */
final class ProcFiles {
    private static final int MFD_CLOEXEC = 1;
    private static final byte[] MEMFD_NAME = GuestPaths.toHost("osgix-proc");

    /** The attachment of a description whose /proc/self/fd link is its guest path, not the host's name. */
    interface GuestNamed {
    }

    /** The attachment of a synthesized file. */
    static final class Synthesized implements GuestNamed {
        static final Synthesized FILE = new Synthesized();
    }

    /** The attachment of an opened /proc/self/fd or /proc/self/fdinfo directory. */
    static final class DescriptorDirectory implements GuestNamed {
        /** The d_type of its entries: links in fd/, regular files in fdinfo/. */
        final byte entryType;

        DescriptorDirectory(byte entryType) {
            this.entryType = entryType;
        }
    }

    private static final String TASK = "task/", COMM = "/comm";

    private final Host host;
    private final PathResolver paths;
    private final ProcContent content;

    ProcFiles(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.content = new ProcContent(host, paths, scratch);
    }

    /** Opens /proc/self/ENTRY; null when the entry is not synthesized. */
    Integer open(SyscallContext call, String entry, String guestName, int flags) {
        int tid = taskCommTid(entry);
        if (tid >= 0) {
            GuestThread task = call.process().thread(tid);
            if (task == null) {
                return -Errno.ENOENT; // not a guest thread: the host's entry would be one of the JVM's
            }
            return openContent(call, entry, content.threadComm(call, task), guestName, flags);
        }
        return openContent(call, entry, content(call, entry), guestName, flags);
    }

    /** Opens /proc/self/fdinfo/N, the guest slot's; ENOENT when fd N is not open. */
    int openFdInfo(SyscallContext call, FdSnapshot slot, String guestName, int flags) {
        OpenFile file = slot.pin();
        if (file == null) {
            return -Errno.ENOENT;
        }
        try {
            String hostName = file.hostFd() < 0 ? null : paths.hostLinkTarget(file.hostFd());
            byte[] bytes = FdInfoContent.of(slot, file, hostName);
            return openContent(call, "fdinfo", bytes == null ? new byte[0] : bytes, guestName, flags);
        } finally {
            file.unpin();
        }
    }

    private byte[] content(SyscallContext call, String entry) {
        return switch (entry) {
            case "maps" -> content.maps(call);
            case "status" -> content.status(call);
            case "cmdline" -> content.cmdline(call);
            case "comm" -> content.comm(call);
            case "stat" -> ProcStat.stat(call, ProcContent.commBytes(call));
            case "statm" -> ProcStat.statm(call);
            case "limits" -> ProcLimits.limits(call);
            case "auxv" -> call.process().auxv(); // the guest's own vector, never the JVM's
            case "environ" -> content.environ(call); // the guest's own, never the JVM's
            default -> null;
        };
    }

    private Integer openContent(SyscallContext call, String entry, byte[] bytes, String guestName, int flags) {
        if (bytes == null) {
            return null;
        }
        if ((flags & OpenFile.O_DIRECTORY) != 0) {
            return -Errno.ENOTDIR;
        }
        int fd = host.memfdCreate(MEMFD_NAME, MFD_CLOEXEC);
        if (fd < 0) {
            return fd;
        }
        host.fchmod(fd, isPrivate(entry) ? 0400 : 0444); // what fstat shows for Linux's /proc files
        long r = fill(fd, bytes);
        if (r < 0) {
            host.close(fd);
            return (int) r;
        }
        int status = OpenFile.O_LARGEFILE | (flags & OpenFile.O_NONBLOCK);
        return call.fds().open(FileKind.REGULAR, fd, status, guestName, Synthesized.FILE,
            (flags & OpenFile.O_CLOEXEC) != 0);
    }

    private long fill(int fd, byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        long buf = host.memory().allocate(bytes.length);
        try {
            host.memory().put(buf, bytes, 0, bytes.length);
            for (long done = 0; done < bytes.length; ) {
                long n = host.write(fd, buf + done, bytes.length - done);
                if (n < 0) {
                    return n;
                }
                done += n;
            }
            return host.lseek(fd, 0, 0);
        } finally {
            host.memory().free(buf);
        }
    }

    /**
     * The TID of "task/TID/comm", or -1 for another entry. (The guest's tids are its own, so the
     * host's task directory would name the JVM's threads.)
     */
    private static int taskCommTid(String entry) {
        if (!entry.startsWith(TASK) || !entry.endsWith(COMM) || entry.length() <= TASK.length() + COMM.length()) {
            return -1;
        }
        String tid = entry.substring(TASK.length(), entry.length() - COMM.length());
        if (tid.length() > 9) {
            return -1;
        }
        for (int i = 0; i < tid.length(); i++) {
            if (tid.charAt(i) < '0' || tid.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(tid);
    }

    /**
     * Opens /proc/self/{@code name} (fd or fdinfo) as a directory whose entries getdents64 takes
     * from the guest's table.
     */
    int openDescriptorDirectory(SyscallContext call, String name, String guestName, int flags, byte entryType) {
        int fd = host.openat(Host.AT_FDCWD, "/proc/self/" + name,
            OpenFile.O_RDONLY | OpenFile.O_DIRECTORY | OpenFile.O_CLOEXEC, 0);
        if (fd < 0) {
            return fd;
        }
        int status = host.fcntl(fd, Host.F_GETFL, 0);
        if (status < 0) {
            host.close(fd);
            return status;
        }
        return call.fds().open(FileKind.DIRECTORY, fd, status | (flags & OpenFile.O_NONBLOCK), guestName,
            new DescriptorDirectory(entryType), (flags & OpenFile.O_CLOEXEC) != 0);
    }

    /** Linux lets only the owner read a process's auxv and environ. */
    private static boolean isPrivate(String entry) {
        return entry.equals("auxv") || entry.equals("environ");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
