package org.osgix.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guest process's umask (per-process state). It starts as the host process's umask, which
 * Linux shows in /proc/self/status; the host applies its own umask to creations as well.
 */
final class FileCreationMask {
    private static final int DEFAULT = 022;

    private final AtomicInteger mask;

    FileCreationMask(int initial) {
        this.mask = new AtomicInteger(initial & 0777);
    }

    int get() {
        return mask.get();
    }

    /** umask(2): sets the mask (permission bits only) and returns the old one. */
    int exchange(int newMask) {
        return mask.getAndSet(newMask & 0777);
    }

    /** The host process's umask, or 022 when the host does not show it. */
    static int hostUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or no such line: fall back to the usual default
        }
        return DEFAULT;
    }
}
