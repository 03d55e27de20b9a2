package org.osgix.fd;

import org.osgi.annotation.versioning.ProviderType;
import org.osgix.syscall.OpenFlags;

/**
 * An open file description, shared by every descriptor that dup'ed it. It owns at most one host
 * fd, which stays open while any descriptor refers to the description or any syscall has it
 * pinned; the host fd is closed (by the host layer) when the last of those goes away.
 */
@ProviderType
public interface OpenFile extends OpenFlags {
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
