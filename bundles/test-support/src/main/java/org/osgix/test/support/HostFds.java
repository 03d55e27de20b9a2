package org.osgix.test.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;

/**
 * Real host fds for tests: leak checks by counting the host process's fds, and host eventfds to
 * install and count. The JVM opens and closes fds of its own now and then (class loading, JIT), so
 * a count above the earlier one is re-read for a moment before it fails; a count below it is the
 * JVM closing one of its own (a jar opened when the test began).
 */
public final class HostFds {
    private HostFds() {
    }

    /** Fails (an {@link AssertionError}) when the host holds more fds than {@code before}. */
    public static void assertBackTo(Host host, int before) {
        int now = host.openFdCount();
        for (int attempt = 0; attempt < 50 && now > before; attempt++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = host.openFdCount();
        }
        if (now > before) {
            throw new AssertionError("host fds leaked: " + before + " before, " + now + " after");
        }
    }

    /** A fresh host eventfd (close-on-exec on the host, so nothing leaks into children). */
    public static int eventFd(Host host) {
        int fd = host.eventfd(0, OpenFile.O_CLOEXEC); // EFD_CLOEXEC is O_CLOEXEC
        if (fd < 0) {
            throw new AssertionError("eventfd failed: " + fd);
        }
        return fd;
    }

    /**
     * The number of host eventfds open in this process: the tests' own host fds, which (unlike
     * the JVM's jar and socket fds) nothing else opens behind their back.
     */
    public static int eventFdCount() {
        File[] entries = new File("/proc/self/fd").listFiles();
        int count = 0;
        for (File entry : entries) {
            try {
                if (Files.readSymbolicLink(entry.toPath()).toString().equals("anon_inode:[eventfd]")) {
                    count++;
                }
            } catch (IOException e) {
                // closed while listing (the listing's own fd): not an eventfd
            }
        }
        return count;
    }

    /** Whether {@code hostFd} is open in this process (fcntl F_GETFD works on any open fd). */
    public static boolean isOpen(Host host, int hostFd) {
        return host.fcntl(hostFd, Host.F_GETFD, 0) >= 0;
    }
}
