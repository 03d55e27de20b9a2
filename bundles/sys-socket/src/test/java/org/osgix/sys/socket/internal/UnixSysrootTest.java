package org.osgix.sys.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.Guest;

/**
 * AF_UNIX path names under --sysroot: an absolute guest path is bound inside the sysroot,
 * getsockname shows the guest's path, a connect by that path reaches it, and a path that no
 * longer fits sun_path once moved fails with ENAMETOOLONG. Abstract names are untouched.
 */
class UnixSysrootTest {
    private static final int AF_UNIX = 1, SOCK_STREAM = 1;

    @TempDir
    Path root;

    private final Host host = new PosixHost();
    private Guest guest;

    @BeforeEach
    void setUp() {
        guest = SocketGuests.guest(host, new Policies(host.memory()));
        guest.process.setOption("sysroot", root.toString());
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    private long address(String path) {
        long addr = guest.alloc(110);
        guest.memory.writeByte(addr, (byte) AF_UNIX);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        guest.memory.write(addr + 2, bytes, 0, bytes.length);
        if (path.startsWith("@")) {
            guest.memory.writeByte(addr + 2, (byte) 0);
        }
        return addr;
    }

    private static long length(String path) {
        return 2 + path.length() + (path.startsWith("@") ? 0 : 1);
    }

    @Test
    void anAbsolutePathLivesInsideTheSysroot() throws Exception {
        long server = guest.call("socket", AF_UNIX, SOCK_STREAM, 0);
        assertEquals(0, guest.call("bind", server, address("/s.sock"), length("/s.sock")));
        assertTrue(Files.exists(root.resolve("s.sock")), "bound inside the sysroot");
        assertEquals(0, guest.call("listen", server, 1));
        long name = guest.alloc(110);
        long len = guest.alloc(4);
        guest.memory.writeInt(len, 110);
        assertEquals(0, guest.call("getsockname", server, name, len));
        assertEquals(length("/s.sock"), guest.memory.readInt(len));
        byte[] path = guest.bytes(name + 2, 7);
        assertEquals("/s.sock", new String(path, StandardCharsets.UTF_8));
        long client = guest.call("socket", AF_UNIX, SOCK_STREAM, 0);
        assertEquals(0, guest.call("connect", client, address("/s.sock"), length("/s.sock")));
        guest.memory.writeInt(len, 110);
        assertEquals(0, guest.call("getpeername", client, name, len));
        assertEquals("/s.sock", new String(guest.bytes(name + 2, 7), StandardCharsets.UTF_8));
    }

    @Test
    void aPathTooLongOnceMovedAndAbstractNames() {
        String longPath = "/" + "x".repeat(105);
        long s = guest.call("socket", AF_UNIX, SOCK_STREAM, 0);
        assertEquals(-Errno.ENAMETOOLONG, guest.call("bind", s, address(longPath), length(longPath)));
        String abstractName = "@osgix-sysroot-test-" + ProcessHandle.current().pid();
        assertEquals(0, guest.call("bind", s, address(abstractName), length(abstractName)));
    }
}
