package org.osgix.kernel.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.osgix.host.Host;

/**
 * The {@link SharedBacking}s of an address space: made by mmap (a memfd for anonymous memory, a
 * dup of a file's host fd), adopted from a fork's parent, closed once no mapping refers to them.
 * Not thread-safe: the address space calls it under its lock.
 */
final class SharedBackings {
    private static final int MFD_CLOEXEC = 1;
    private static final byte[] MEMFD_NAME = "osgix-shared\0".getBytes(StandardCharsets.US_ASCII);

    private final Host host;
    private final List<SharedBacking> live = new ArrayList<>();

    SharedBackings(Host host) {
        this.host = host;
    }

    /** A new memfd of {@code size} bytes for an anonymous shared mapping; null when the host has none. */
    SharedBacking anonymous(long size) {
        int fd = host.memfdCreate(MEMFD_NAME, MFD_CLOEXEC);
        if (fd < 0) {
            return null;
        }
        if (host.ftruncate(fd, size) < 0) {
            host.close(fd);
            return null;
        }
        return adopt(fd);
    }

    /** A dup of the host fd a shared file mapping maps, so it outlives the guest's descriptor; or null. */
    SharedBacking file(int hostFd) {
        int fd = host.fcntl(hostFd, Host.F_DUPFD_CLOEXEC, 3);
        return fd < 0 ? null : adopt(fd);
    }

    /** Takes ownership of a host fd (one a fork's parent sent). */
    SharedBacking adopt(int hostFd) {
        SharedBacking b = new SharedBacking(hostFd);
        live.add(b);
        return b;
    }

    /** Closes the backings no mapping of {@code mappings} refers to any more. */
    void retainOnly(List<Vma> mappings) {
        if (live.isEmpty()) {
            return;
        }
        Set<SharedBacking> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Vma v : mappings) {
            if (v.backing() != null) {
                used.add(v.backing());
            }
        }
        live.removeIf(b -> {
            if (used.contains(b)) {
                return false;
            }
            host.close(b.hostFd);
            return true;
        });
    }

    void closeAll() {
        live.forEach(b -> host.close(b.hostFd));
        live.clear();
    }
}
