package org.osgix.sys.files.internal;

import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_EXCL;
import static org.osgix.fd.OpenFile.O_LARGEFILE;
import static org.osgix.fd.OpenFile.O_NOCTTY;
import static org.osgix.fd.OpenFile.O_NOFOLLOW;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_TRUNC;
import static org.osgix.ioctl.IoctlRequests.TCGETS;
import static org.osgix.syscall.FileStat.ST_MODE;
import static org.osgix.syscall.FileStat.ST_RDEV;
import static org.osgix.syscall.FileStat.S_IFCHR;
import static org.osgix.syscall.FileStat.S_IFDIR;
import static org.osgix.syscall.FileStat.S_IFIFO;
import static org.osgix.syscall.FileStat.S_IFMT;
import static org.osgix.syscall.FileStat.S_IFREG;
import static org.osgix.syscall.FileStat.S_IFSOCK;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;

/**
 * Tells what a freshly opened host fd refers to and which status flags its description has, with
 * as few host calls as Linux's rules allow: one fstat for the kind (none for O_PATH and
 * O_DIRECTORY opens), TCGETS only for a character device that may be a terminal, and F_GETFL
 * only where a driver could have changed the flags the open asked for.
 */
final class FileKinds {
    /** Linux VALID_OPEN_FLAGS. */
    static final int VALID_OPEN_FLAGS = 0x7fffc3;
    /** O_TMPFILE without the O_DIRECTORY bit it includes. */
    static final int O_TMPFILE_ONLY = OpenFile.O_TMPFILE & ~O_DIRECTORY;
    /** What Linux keeps of an O_PATH open's flags (O_PATH_FLAGS; O_CLOEXEC lives in the fd). */
    private static final int O_PATH_KEEPS = O_PATH | O_DIRECTORY | O_NOFOLLOW;
    /** Flags that only act during the open and never reach the description. */
    private static final int OPEN_TIME_ONLY = O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC;
    /** The memory devices (/dev/null, zero, full, random, urandom, mem, kmsg...) of drivers/char/mem.c. */
    private static final long MEMORY_DEVICES_MAJOR = 1;

    /** A description's kind and status flags (or the negative errno of the F_GETFL that failed). */
    record Description(FileKind kind, int statusFlags) {
    }

    private final Host host;
    private final Scratch scratch;

    FileKinds(Host host, Scratch scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    /** The description of {@code hostFd}, just opened with the guest's open {@code flags}. */
    Description describe(int hostFd, int flags) {
        if ((flags & O_PATH) != 0) {
            return new Description(FileKind.PATH, statusFlagsOfOpen(flags));
        }
        // an O_DIRECTORY open succeeds only on a directory (O_CREAT and O_TMPFILE are other things)
        if ((flags & (O_DIRECTORY | O_CREAT | O_TMPFILE_ONLY)) == O_DIRECTORY) {
            return new Description(FileKind.DIRECTORY, statusFlagsOfOpen(flags));
        }
        long buf = scratch.address();
        if (host.fstat(hostFd, buf) < 0) {
            return new Description(FileKind.OTHER, hostStatusFlags(hostFd));
        }
        return switch (scratch.memory().getInt(buf + ST_MODE) & S_IFMT) {
            case S_IFREG -> new Description(FileKind.REGULAR, statusFlagsOfOpen(flags));
            case S_IFDIR -> new Description(FileKind.DIRECTORY, statusFlagsOfOpen(flags));
            case S_IFIFO -> new Description(FileKind.PIPE, hostStatusFlags(hostFd));
            case S_IFSOCK -> new Description(FileKind.SOCKET, hostStatusFlags(hostFd));
            case S_IFCHR -> characterDevice(hostFd, flags, scratch.memory().getLong(buf + ST_RDEV));
            default -> new Description(FileKind.OTHER, hostStatusFlags(hostFd));
        };
    }

    /**
     * A memory device is never a terminal and its driver keeps the open's flags; any other
     * character device is a terminal when TCGETS works, and has its flags asked.
     */
    private Description characterDevice(int hostFd, int flags, long rdev) {
        if (major(rdev) == MEMORY_DEVICES_MAJOR) {
            return new Description(FileKind.CHARACTER_DEVICE, statusFlagsOfOpen(flags));
        }
        // TCGETS writes a kernel termios (36 bytes) into the scratch's small region
        FileKind kind = host.ioctl(hostFd, TCGETS, scratch.address() + Scratch.SMALL) >= 0
            ? FileKind.TTY : FileKind.CHARACTER_DEVICE;
        return new Description(kind, hostStatusFlags(hostFd));
    }

    private int hostStatusFlags(int hostFd) {
        return host.fcntl(hostFd, Host.F_GETFL, 0);
    }

    /** Linux's dev_t major number (MAJOR of the 64-bit encoding glibc and the kernel share). */
    static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    /**
     * What F_GETFL reports after a successful open with {@code flags}, when no driver changed
     * them: the open-time flags dropped, O_LARGEFILE added (64-bit Linux forces it), unknown bits
     * ignored; an O_PATH description keeps only O_PATH, O_DIRECTORY and O_NOFOLLOW. Checked
     * against the host's F_GETFL by the tests.
     */
    static int statusFlagsOfOpen(int flags) {
        if ((flags & O_PATH) != 0) {
            return flags & O_PATH_KEEPS;
        }
        return (flags & VALID_OPEN_FLAGS & ~OPEN_TIME_ONLY) | O_LARGEFILE;
    }
}
