package org.osgix.fd;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open file description, shared by every descriptor that dup'ed it. It owns at most one host
 * fd, which stays open while any descriptor refers to the description or any syscall has it
 * pinned; the host fd is closed (by the host layer) when the last of those goes away.
 */
@ProviderType
public interface OpenFile {
    /** Linux file status flags (O_NONBLOCK, O_APPEND, ...) and access mode kept in the description. */
    int O_ACCMODE = 0x3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80,
        O_NOCTTY = 0x100, O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_DSYNC = 0x1000,
        O_ASYNC = 0x2000, O_DIRECT = 0x4000, O_LARGEFILE = 0x8000, O_DIRECTORY = 0x10000,
        O_NOFOLLOW = 0x20000, O_NOATIME = 0x40000, O_CLOEXEC = 0x80000, O_SYNC = 0x101000,
        O_PATH = 0x200000, O_TMPFILE = 0x410000;

    /** A process-unique id of the description (stable for its life). */
    long id();

    FileKind kind();

    /** The host fd this description owns, or -1 when it has none (e.g. an epoll instance). */
    int hostFd();

    /** The guest path it was opened by (or a description such as "pipe:[12]"); may be null. */
    String path();

    /** The status flags and access mode (shared by every dup). */
    int statusFlags();

    /**
     * Atomically replaces the bits of {@code mask} with those of {@code bits}; returns the new
     * flags. The host fd's own flags are the caller's business (the host layer).
     */
    int updateStatusFlags(int mask, int bits);

    /** The family's object attached at creation (an epoll instance, a directory cursor...). */
    Object attachment();

    /**
     * Pins the description for the duration of a syscall so its host fd cannot be closed under
     * the call. Fails when the description has already been released (the caller returns EBADF).
     * Every successful pin must be followed by exactly one {@link #unpin()}.
     */
    boolean tryPin();

    void unpin();

    /** False once the last reference is gone and the host fd is closed (or closing). */
    boolean isOpen();

    /**
     * Registers a listener told once, when the last reference (descriptor or pin) goes away —
     * when Linux would release the file. Returns false (and never calls it) if that already
     * happened.
     */
    boolean addCloseListener(CloseListener listener);

    void removeCloseListener(CloseListener listener);
}
