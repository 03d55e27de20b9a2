package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class IdentityTest {
    private static final Host HOST = new PosixHost();
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 1);
    private final FakeProcess process = new FakeProcess(300, memory);
    private final FakeCall call = new FakeCall(process);
    private final Identity identity = new Identity(HOST);

    @AfterEach
    void free() {
        memory.close();
    }

    private static int id(String option) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", option).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        id.waitFor();
        return Integer.parseInt(out);
    }

    @Test
    void pidsComeFromTheGuestProcess() {
        assertEquals(300, call.invoke(identity::getpid));
        assertEquals(1, call.invoke(identity::getppid));
    }

    @Test
    void userAndGroupIdsAreTheHostUsers() throws Exception {
        assertEquals(id("-u"), call.invoke(identity::getuid));
        assertEquals(id("-u"), call.invoke(identity::geteuid));
        assertEquals(id("-g"), call.invoke(identity::getgid));
        assertEquals(id("-g"), call.invoke(identity::getegid));
    }

    @Test
    void getresuidStoresRealEffectiveAndSavedIds() throws Exception {
        long base = memory.base();
        memory.fill(base, 12, (byte) 0x7f);
        assertEquals(0, call.invoke(identity::getresuid, base, base + 4, base + 8));
        int uid = id("-u");
        assertEquals(uid, memory.readInt(base));
        assertEquals(uid, memory.readInt(base + 4));
        assertEquals(uid, memory.readInt(base + 8));
        assertEquals(0, call.invoke(identity::getresgid, base, base + 4, base + 8));
        assertEquals(id("-g"), memory.readInt(base + 8));
    }

    @Test
    void getresuidFaultsOnABadPointerAfterTheEarlierStores() {
        long base = memory.base();
        memory.writeInt(base, -1);
        assertEquals(-Errno.EFAULT, call.invoke(identity::getresuid, base, 8, base + 8));
        assertEquals(HOST.getuid(), memory.readInt(base));
        assertEquals(-Errno.EFAULT, call.invoke(identity::getresgid, 0, base, base));
    }
}
