package org.osgix.fd;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A guest's descriptor table, modelled on Linux: slots (number, close-on-exec) point at shared
 * open file descriptions. Reads ({@link #get}) take no lock; every method is thread-safe. Results
 * are Linux results: a descriptor number or 0, or a negative errno.
 */
@ProviderType
public interface FdTable {
    /** The current snapshot of {@code fd}, or null when the slot is free (or out of range). */
    FdSnapshot get(int fd);

    /**
     * Linux's {@code fdget}: the description behind {@code fd}, pinned for one syscall, or null
     * (the caller returns EBADF) when the slot is free, the description was released meanwhile,
     * or it is an O_PATH descriptor. The caller unpins it exactly once, in {@code finally}.
     */
    default OpenFile pin(int fd) {
        FdSnapshot slot = get(fd);
        return slot == null || slot.file().kind() == FileKind.PATH ? null : slot.pin();
    }

    /** Linux's {@code fdget_raw}: {@link #pin} that accepts O_PATH descriptors too. */
    default OpenFile pinRaw(int fd) {
        FdSnapshot slot = get(fd);
        return slot == null ? null : slot.pin();
    }

    /**
     * Creates a description owning {@code hostFd} (may be -1) and installs it in the lowest free
     * slot. On failure (EMFILE) the host fd is closed, so the caller never leaks it.
     *
     * @return the new descriptor or {@code -EMFILE}
     */
    int open(FileKind kind, int hostFd, int statusFlags, String path, Object attachment, boolean cloexec);

    /**
     * Installs another reference to {@code file} in the lowest free slot {@code >= minFd}
     * (F_DUPFD semantics). The caller must hold a pin or a descriptor on {@code file}.
     *
     * @return the descriptor, {@code -EMFILE}, or {@code -EINVAL} when minFd is beyond the limit
     */
    int install(OpenFile file, int minFd, boolean cloexec);

    /** dup / F_DUPFD / F_DUPFD_CLOEXEC: {@code -EBADF}, {@code -EMFILE}, {@code -EINVAL}. */
    int dup(int fd, int minFd, boolean cloexec);

    /**
     * dup2/dup3: atomically makes {@code newFd} refer to {@code oldFd}'s description, closing what
     * {@code newFd} held. {@code oldFd == newFd} returns newFd for dup2 and {@code -EINVAL} for
     * dup3 ({@code dup3 = true}); {@code newFd} beyond the limit → {@code -EBADF}.
     */
    int dup2(int oldFd, int newFd, boolean cloexec, boolean dup3);

    /** Frees the slot: 0 or {@code -EBADF}. The host fd closes when no pin remains. */
    int close(int fd);

    /** close_range: closes (or, with {@code cloexecOnly}, marks close-on-exec) [first, last]. */
    int closeRange(int first, int last, boolean cloexecOnly);

    /**
     * Sets the close-on-exec flag only if the slot still holds the allocation {@code expected}
     * describes (same generation). Returns false when a concurrent close or close-and-reopen won.
     */
    boolean compareAndSetCloexec(FdSnapshot expected, boolean cloexec);

    /** F_SETFD convenience: 0, or {@code -EBADF} for a free slot. Uses the generation CAS. */
    int setCloexec(int fd, boolean cloexec);

    /** RLIMIT_NOFILE as the table enforces it. */
    int limit();

    /** Changes the limit (setrlimit(RLIMIT_NOFILE)); open descriptors above it stay open. */
    void setLimit(int limit);

    /** A copy for fork: same descriptions (one more reference each), same flags. */
    FdTable copy();

    /** Closes every close-on-exec descriptor (execve). */
    void closeOnExec();

    /** Closes every descriptor (process exit). */
    void closeAll();

    /** Snapshots of every open descriptor in ascending order (for /proc/self/fd). */
    List<FdSnapshot> snapshots();

    /** Number of open descriptors. */
    int size();
}
