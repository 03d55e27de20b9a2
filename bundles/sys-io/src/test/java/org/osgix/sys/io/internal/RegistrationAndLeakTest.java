package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.syscall.SyscallHandler;

/** What the family registers; transfers leave no host fd and no descriptor behind. */
class RegistrationAndLeakTest extends IoTestSupport {

    @Test
    void everySyscallIsOneServiceAndPartialOnesSayWhatIsMissing() {
        assertEquals(Set.of("read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev",
            "preadv2", "pwritev2", "lseek", "sendfile", "copy_file_range", "splice", "tee"),
            guest.framework.services().keySet());
        guest.framework.services().forEach((name, properties) -> {
            String support = (String) properties.get(SyscallHandler.SUPPORT);
            assertTrue(Set.of("full", "partial").contains(support), name);
            if (support.equals("partial")) {
                assertNotNull(properties.get(SyscallHandler.NOTE), name);
            }
        });
        assertEquals("full", guest.framework.support("pread64"));
    }

    void workload(Path file) {
        int fd = open(file, O_CREAT | O_RDWR, FileKind.REGULAR);
        long buf = bytes("payload");
        guest.call("write", fd, buf, 7);
        guest.call("pread64", fd, buf, 7, 0);
        long iov = guest.alloc(16);
        guest.memory.writeLong(iov, buf);
        guest.memory.writeLong(iov + 8, 7);
        guest.call("writev", fd, iov, 1);
        guest.call("lseek", fd, 0, SEEK_SET);
        guest.call("readv", fd, iov, 1);
        int[] pipe = pipe(0);
        guest.call("write", pipe[1], buf, 7);
        guest.call("read", pipe[0], buf, 7);
        for (int f : new int[] {fd, pipe[0], pipe[1]}) {
            guest.fds.close(f);
        }
    }

    @Test
    void transfersLeaveNoHostFdBehind() {
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
