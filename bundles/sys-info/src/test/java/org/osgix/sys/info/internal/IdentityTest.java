package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.Errno;
import org.osgix.testsupport.FakeCall;
import org.osgix.testsupport.FakeMemory;
import org.osgix.testsupport.FakeProcess;

class IdentityTest {
    private static final Host HOST = new PosixHost();
    private final FakeMemory memory = new FakeMemory(HOST.memory(), 4096);
    private final FakeProcess process = new FakeProcess(300, memory);
    private final FakeCall call = new FakeCall(process);
    private final Identity identity = new Identity(HOST);

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void pidsComeFromTheGuestProcess() {
        assertEquals(300, call.invoke(identity::getpid));
        assertEquals(1, call.invoke(identity::getppid));
    }

    @Test
    void userAndGroupIdsAreTheProcesssCredentials() {
        process.setCredentials(new Credentials(11, 12, 13, 14, 21, 22, 23, 24, new int[0]));
        assertEquals(11, call.invoke(identity::getuid));
        assertEquals(12, call.invoke(identity::geteuid));
        assertEquals(21, call.invoke(identity::getgid));
        assertEquals(22, call.invoke(identity::getegid));
    }

    @Test
    void getresuidStoresRealEffectiveAndSavedIds() {
        process.setCredentials(new Credentials(11, 12, 13, 14, 21, 22, 23, 24, new int[0]));
        long base = memory.base();
        memory.fill(base, 12, (byte) 0x7f);
        assertEquals(0, call.invoke(identity::getresuid, base, base + 4, base + 8));
        assertEquals(11, memory.readInt(base));
        assertEquals(12, memory.readInt(base + 4));
        assertEquals(13, memory.readInt(base + 8));
        assertEquals(0, call.invoke(identity::getresgid, base, base + 4, base + 8));
        assertEquals(23, memory.readInt(base + 8));
    }

    @Test
    void getresuidFaultsOnABadPointerAfterTheEarlierStores() {
        long base = memory.base();
        memory.writeInt(base, -1);
        assertEquals(-Errno.EFAULT, call.invoke(identity::getresuid, base, 8, base + 8));
        assertEquals(process.credentials().ruid(), memory.readInt(base));
        assertEquals(-Errno.EFAULT, call.invoke(identity::getresgid, 0, base, base));
    }
}
