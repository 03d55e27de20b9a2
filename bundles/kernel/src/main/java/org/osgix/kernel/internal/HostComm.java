package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives the runtime's host process the guest's command name (its thread-group leader's comm), so
 * /proc/PID/comm, stat and status of this guest process read by another guest process, and the
 * host's ps, name the guest program rather than "java".
 */
final class HostComm {
    private static final int TASK_COMM_LEN = 16;

    private HostComm() {
    }

    static void publish(byte[] name) {
        int length = Math.min(name.length, TASK_COMM_LEN - 1);
        byte[] comm = new byte[length];
        System.arraycopy(name, 0, comm, 0, length);
        try {
            Files.write(Path.of("/proc/self/comm"), comm);
        } catch (IOException | RuntimeException notLinux) {
            // the name is cosmetic for the host; the guest's own /proc/self/comm is synthesized
        }
    }

    static void publish(String name) {
        publish(name.getBytes(StandardCharsets.UTF_8));
    }
}
