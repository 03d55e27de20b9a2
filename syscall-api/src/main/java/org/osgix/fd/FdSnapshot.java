package org.osgix.fd;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An immutable view of one descriptor slot, taken with a single atomic read. The generation is
 * stamped when the slot is allocated and is globally monotonic, so two snapshots of the same
 * number with equal generations describe the same allocation (no ABA).
 */
@ProviderType
public interface FdSnapshot {
    int fd();

    long generation();

    OpenFile file();

    boolean cloexec();

    /**
     * The slot's description, pinned ({@link OpenFile#tryPin}), or null when it was released
     * since the snapshot was taken (EBADF). The caller unpins it once, in {@code finally}.
     */
    default OpenFile pin() {
        OpenFile file = file();
        return file.tryPin() ? file : null;
    }
}
