package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;

/** Every host fd the family opens is closed again by the guest's close (or the table's closeAll). */
class HostFdLeakTest extends FilesTestSupport {

    void workload(Path file) {
        int fd = open(file.toString(), O_CREAT | O_RDWR, 0600);
        int copy = (int) guest.call("dup", fd);
        guest.call("dup2", fd, 20);
        guest.call("fcntl", fd, Host.F_DUPFD_CLOEXEC, 30);
        int path = open(dir.toString(), O_PATH, 0);
        int relative = (int) guest.call("openat", path, guest.string(file.getFileName().toString()), O_RDONLY, 0);
        int self = open("/proc/self/exe", O_RDONLY, 0);
        int viaFd = open("/proc/self/fd/" + fd, O_RDONLY, 0);
        long buf = guest.alloc(256);
        guest.call("newfstatat", path, guest.string(""), buf, Host.AT_EMPTY_PATH);
        guest.call("readlink", guest.string("/proc/self/fd/" + fd), buf, 256);
        guest.call("statx", relative, 0, Host.AT_EMPTY_PATH, 0, buf);
        open(dir.resolve("missing").toString(), O_RDONLY, 0);
        for (int f : new int[] {fd, copy, 20, 30, path, relative, self, viaFd}) {
            guest.call("close", f);
        }
    }

    @Test
    void openingAndClosingLeavesNoHostFdBehind() {
        Path file = dir.resolve("leak");
        workload(file); // loads every class first: class loading opens jars
        int before = guest.host.openFdCount();
        for (int i = 0; i < 20; i++) {
            workload(file);
        }
        assertEquals(0, guest.fds.size());
        assertEquals(before, guest.host.openFdCount());
    }
}
