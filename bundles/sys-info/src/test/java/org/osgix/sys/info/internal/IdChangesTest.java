package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.Errno;
import org.osgix.testsupport.FakeCall;
import org.osgix.testsupport.FakeMemory;
import org.osgix.testsupport.FakeProcess;

class IdChangesTest {
    private static final Host HOST = new PosixHost();
    private final FakeMemory memory = new FakeMemory(HOST.memory(), 4096);
    private final FakeProcess process = new FakeProcess(300, memory);
    private final FakeCall call = new FakeCall(process);
    private final Capabilities capabilities = new Capabilities(HOST);
    private final IdChanges ids = new IdChanges(capabilities);

    @AfterEach
    void free() {
        memory.close();
    }

    private void root() {
        assumeTrue(capabilities.hasEffective(IdChanges.CAP_SETUID) && capabilities.hasEffective(IdChanges.CAP_SETGID),
            "the host thread needs CAP_SETUID and CAP_SETGID");
        process.setCredentials(Credentials.of(0, 0, 0, 0, new int[] {0}));
    }

    @Test
    void unprivilegedMayOnlySwitchAmongItsOwnIds() {
        process.setCredentials(new Credentials(1000, 1001, 1002, 1001, 50, 50, 50, 50, new int[0]));
        assertEquals(-Errno.EPERM, call.invoke(ids::setuid, 7));
        assertEquals(0, call.invoke(ids::setuid, 1002));
        assertEquals(new Credentials(1000, 1002, 1002, 1002, 50, 50, 50, 50, new int[0]), process.credentials());
        assertEquals(-Errno.EPERM, call.invoke(ids::setresuid, -1, 7, -1));
        assertEquals(0, call.invoke(ids::setresuid, 1002, 1000, -1));
        assertEquals(new Credentials(1002, 1000, 1002, 1000, 50, 50, 50, 50, new int[0]), process.credentials());
        assertEquals(-Errno.EINVAL, call.invoke(ids::setuid, 0xffffffffL));
        assertEquals(-Errno.EPERM, call.invoke(ids::setgroups, 0, 0));
        assertEquals(-Errno.EPERM, call.invoke(ids::setgroups, Credentials.NGROUPS_MAX + 1L, 0), "EPERM comes first");
    }

    @Test
    void setreuidMovesTheSavedIdWithTheEffectiveOne() {
        process.setCredentials(new Credentials(1000, 1001, 1002, 1001, 50, 50, 50, 50, new int[0]));
        assertEquals(0, call.invoke(ids::setreuid, -1, 1001));
        assertEquals(1001, process.credentials().suid(), "an effective id other than the real one is saved");
        assertEquals(0, call.invoke(ids::setreuid, -1, 1000));
        assertEquals(1001, process.credentials().suid(), "effective set to the real id keeps the saved one");
        assertEquals(-Errno.EPERM, call.invoke(ids::setreuid, 1002, -1), "real may become only real or effective");
    }

    @Test
    void setfsuidReturnsTheOldIdAndIgnoresForeignOnes() {
        process.setCredentials(new Credentials(1000, 1001, 1002, 1001, 50, 51, 52, 51, new int[0]));
        assertEquals(1001, call.invoke(ids::setfsuid, 9));
        assertEquals(1001, call.invoke(ids::setfsuid, 1000));
        assertEquals(1000, call.invoke(ids::setfsuid, -1));
        assertEquals(51, call.invoke(ids::setfsgid, 52));
        assertEquals(52, process.credentials().fsgid());
    }

    @Test
    void rootSetsEveryIdAndLosesPrivilegeWithItsEffectiveUid() {
        root();
        assertEquals(0, call.invoke(ids::setresuid, 5, 0, 6));
        assertEquals(0, call.invoke(ids::setgid, 40));
        assertEquals(new Credentials(5, 0, 6, 0, 40, 40, 40, 40, new int[] {0}), process.credentials());
        assertEquals(0, call.invoke(ids::setuid, 7));
        assertEquals(new Credentials(7, 7, 7, 7, 40, 40, 40, 40, new int[] {0}), process.credentials());
        assertEquals(-Errno.EPERM, call.invoke(ids::setuid, 0));
    }

    @Test
    void groupsAreSortedAndSizeRulesFollowLinux() {
        root();
        long list = memory.base();
        memory.writeInt(list, 30);
        memory.writeInt(list + 4, -2);
        memory.writeInt(list + 8, 10);
        assertEquals(-Errno.EINVAL, call.invoke(ids::setgroups, Credentials.NGROUPS_MAX + 1L, list));
        assertEquals(-Errno.EFAULT, call.invoke(ids::setgroups, 3, 8));
        assertEquals(0, call.invoke(ids::setgroups, 3, list));
        assertArrayEquals(new int[] {10, 30, -2}, process.credentials().groups());
        assertEquals(3, call.invoke(ids::getgroups, 0, 0));
        assertEquals(-Errno.EINVAL, call.invoke(ids::getgroups, 2, list));
        assertEquals(-Errno.EINVAL, call.invoke(ids::getgroups, -1, list));
        assertEquals(-Errno.EFAULT, call.invoke(ids::getgroups, 3, 8));
        assertEquals(3, call.invoke(ids::getgroups, 5, list + 64));
        assertEquals(-2, memory.readInt(list + 72));
        memory.writeInt(list, -1);
        assertEquals(-Errno.EINVAL, call.invoke(ids::setgroups, 1, list));
        assertEquals(0, call.invoke(ids::setgroups, 0, 0));
        assertEquals(0, call.invoke(ids::getgroups, 0, 0));
    }
}
