package org.osgix.files.internal;

import org.osgix.fd.FileKind;
import org.osgix.host.Host;

/** Tells what a freshly opened host fd refers to, from its host fstat (and TCGETS for ttys). */
final class FileKinds {
    static final int STAT_SIZE = 144;
    static final int ST_MODE = 24;
    static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
        S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;
    private static final long TCGETS = 0x5401;

    private final Host host;
    private final Scratch scratch;

    FileKinds(Host host, Scratch scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    FileKind of(int hostFd, boolean pathOnly) {
        if (pathOnly) {
            return FileKind.PATH;
        }
        long buf = scratch.address();
        if (host.fstat(hostFd, buf) < 0) {
            return FileKind.OTHER;
        }
        return switch (scratch.memory().getInt(buf + ST_MODE) & S_IFMT) {
            case S_IFREG -> FileKind.REGULAR;
            case S_IFDIR -> FileKind.DIRECTORY;
            case S_IFIFO -> FileKind.PIPE;
            case S_IFSOCK -> FileKind.SOCKET;
            // TCGETS writes a kernel termios (36 bytes) into the scratch's small region
            case S_IFCHR -> host.ioctl(hostFd, TCGETS, buf + Scratch.SMALL) >= 0
                ? FileKind.TTY : FileKind.CHARACTER_DEVICE;
            default -> FileKind.OTHER;
        };
    }
}
