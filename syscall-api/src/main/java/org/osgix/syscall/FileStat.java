package org.osgix.syscall;

/** Linux's {@code struct stat} on x86_64: its layout, the file types of st_mode and the mode bits. */
public interface FileStat {
    /** sizeof(struct stat) and the offsets of the fields osgix reads. */
    int STAT_SIZE = 144, ST_DEV = 0, ST_INO = 8, ST_MODE = 24, ST_UID = 28, ST_GID = 32, ST_RDEV = 40, ST_SIZE = 48;

    /** The file type bits of st_mode. */
    int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
        S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;

    /** The execute bits of owner, group and others. */
    int S_IXUSR = 0100, S_IXGRP = 0010, S_IXOTH = 0001;
}
