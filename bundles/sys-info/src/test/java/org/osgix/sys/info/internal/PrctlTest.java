package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.PagedMemory;
import org.osgix.test.support.FakeProcess;

class PrctlTest {
    private static final Host HOST = new PosixHost();
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 1);
    private final FakeProcess process = new FakeProcess(300, memory);
    private final FakeCall call = new FakeCall(process);
    private final Prctl prctl = new Prctl(HOST);

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void aThreadNameIsCutTo15BytesAndReadBackNulPadded() {
        long base = memory.base();
        byte[] longName = "0123456789abcdefghij\0".getBytes(StandardCharsets.US_ASCII);
        memory.write(base, longName, 0, longName.length);
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_SET_NAME, base));
        assertArrayEquals("0123456789abcde".getBytes(StandardCharsets.US_ASCII), process.mainThread().name());
        memory.fill(base + 64, 16, (byte) 'x');
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_GET_NAME, base + 64));
        assertEquals(0, memory.readByte(base + 64 + 15));
        assertEquals(-Errno.EFAULT, call.invoke(prctl::prctl, Prctl.PR_SET_NAME, 8));
        assertEquals(-Errno.EFAULT, call.invoke(prctl::prctl, Prctl.PR_GET_NAME, 8));
    }

    @Test
    void deathSignalAndDumpableAreCheckedAndKept() {
        long base = memory.base();
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, Prctl.PR_SET_PDEATHSIG, 65));
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_SET_PDEATHSIG, 10));
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_GET_PDEATHSIG, base));
        assertEquals(10, memory.readInt(base));
        assertEquals(1, call.invoke(prctl::prctl, Prctl.PR_GET_DUMPABLE));
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, Prctl.PR_SET_DUMPABLE, 2));
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_SET_DUMPABLE, 0));
        assertEquals(0, call.invoke(prctl::prctl, Prctl.PR_GET_DUMPABLE));
    }

    @Test
    void unknownOptionsAndStrayArgumentsAreEinval() {
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, 12345));
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, 0x53564d41, 0));
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, Prctl.PR_GET_NO_NEW_PRIVS, 0, 0, 1));
        assertEquals(-Errno.EINVAL, call.invoke(prctl::prctl, Prctl.PR_SET_NO_NEW_PRIVS, 2));
    }
}
