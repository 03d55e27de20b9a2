package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * The files behind an address space's private file mappings, one {@link FileOrigin} (one host
 * dup) per (device, inode). Not thread-safe: the address space calls it under its lock.
 */
final class FileOrigins {
    private final Host host;
    private final Map<String, FileOrigin> byInode = new HashMap<>();

    FileOrigins(Host host) {
        this.host = host;
    }

    /** The origin for the file open as {@code hostFd}, reusing one already held; null if unknown. */
    FileOrigin of(int hostFd) {
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        try {
            if (host.fstat(hostFd, buf) < 0) {
                return null;
            }
            long dev = mem.getLong(buf);
            long ino = mem.getLong(buf + 8);
            String key = dev + ":" + ino;
            FileOrigin known = byInode.get(key);
            if (known != null) {
                return known;
            }
            int dup = host.fcntl(hostFd, Host.F_DUPFD_CLOEXEC, 3);
            if (dup < 0) {
                return null; // out of host fds: DONTNEED will leave zeros rather than fail the mmap
            }
            FileOrigin origin = new FileOrigin(dev, ino, dup);
            byInode.put(key, origin);
            return origin;
        } finally {
            mem.free(buf);
        }
    }

    /** Copies the file's bytes for [addr, addr+len) at {@code offset}; pages past EOF stay zero. */
    void reread(FileOrigin origin, long addr, long len, long offset) {
        long done = 0;
        while (done < len) {
            long n = host.pread(origin.hostFd, addr + done, len - done, offset + done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
    }

    /** Closes the origins no mapping of {@code live} refers to any more. */
    void retainOnly(List<Vma> live) {
        if (byInode.isEmpty()) {
            return;
        }
        List<FileOrigin> used = new ArrayList<>();
        for (Vma v : live) {
            if (v.origin() != null && !used.contains(v.origin())) {
                used.add(v.origin());
            }
        }
        byInode.values().removeIf(o -> {
            if (used.contains(o)) {
                return false;
            }
            host.close(o.hostFd);
            return true;
        });
    }

    void closeAll() {
        byInode.values().forEach(o -> host.close(o.hostFd));
        byInode.clear();
    }
}
